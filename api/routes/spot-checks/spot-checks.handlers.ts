import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../lib/context.js';
import * as spotChecks from '../../services/records/spot-checks.js';
import type * as routes from './spot-checks.routes.js';

export const listSpotChecks: RouteHandler<typeof routes.listSpotChecks, AppEnv> = async (c) =>
  c.json(await spotChecks.listSpotChecks(c.var.deps, c.var.user, c.req.valid('query')), 200);

export const getSpotCheck: RouteHandler<typeof routes.getSpotCheck, AppEnv> = async (c) =>
  c.json(
    spotChecks.presentSpotCheck(
      await spotChecks.findVisibleSpotCheck(c.var.deps, c.var.user, c.req.valid('param')),
    ),
    200,
  );

export const createSpotCheck: RouteHandler<typeof routes.createSpotCheck, AppEnv> = async (c) =>
  c.json(await spotChecks.createSpotCheck(c.var.deps, c.var.user, c.req.valid('json')), 201);

export const correctSpotCheck: RouteHandler<typeof routes.correctSpotCheck, AppEnv> = async (c) =>
  c.json(
    await spotChecks.correctSpotCheck(c.var.deps, c.var.user, {
      id: c.req.valid('param').id,
      ...(c.req.valid('json') as { version: number; reason: string }),
    }),
    200,
  );

export const voidSpotCheck: RouteHandler<typeof routes.voidSpotCheck, AppEnv> = async (c) =>
  c.json(
    await spotChecks.voidSpotCheck(c.var.deps, c.var.user, {
      id: c.req.valid('param').id,
      ...c.req.valid('json'),
    }),
    200,
  );
