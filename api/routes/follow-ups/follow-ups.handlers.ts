import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../lib/context.js';
import * as followUps from '../../services/records/follow-ups.js';
import type * as routes from './follow-ups.routes.js';

export const listFollowUps: RouteHandler<typeof routes.listFollowUps, AppEnv> = async (c) =>
  c.json(await followUps.listFollowUps(c.var.deps, c.var.user, c.req.valid('query')), 200);

export const getFollowUp: RouteHandler<typeof routes.getFollowUp, AppEnv> = async (c) =>
  c.json(await followUps.getFollowUp(c.var.deps, c.var.user, c.req.valid('param')), 200);

export const closeFollowUp: RouteHandler<typeof routes.closeFollowUp, AppEnv> = async (c) =>
  c.json(
    await followUps.closeFollowUp(c.var.deps, c.var.user, {
      ...c.req.valid('param'),
      ...c.req.valid('json'),
    }),
    200,
  );
