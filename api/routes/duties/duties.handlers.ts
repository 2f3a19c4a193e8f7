import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../lib/context.js';
import * as duties from '../../services/reporting/duties.js';
import type * as routes from './duties.routes.js';

export const listDuties: RouteHandler<typeof routes.listDuties, AppEnv> = async (c) =>
  c.json(await duties.listDuties(c.var.deps, c.var.user, c.req.valid('query')), 200);

export const getDuty: RouteHandler<typeof routes.getDuty, AppEnv> = async (c) =>
  c.json(await duties.getDuty(c.var.deps, c.var.user, c.req.valid('param').id), 200);

export const submitDuty: RouteHandler<typeof routes.submitDuty, AppEnv> = async (c) =>
  c.json(
    await duties.submitDuty(c.var.deps, c.var.user, c.req.valid('param').id, c.req.valid('json')),
    201,
  );
