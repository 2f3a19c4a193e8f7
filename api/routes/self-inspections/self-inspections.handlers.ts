import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../lib/context.js';
import * as selfInspections from '../../services/records/self-inspections.js';
import type * as routes from './self-inspections.routes.js';

export const listSelfInspections: RouteHandler<typeof routes.listSelfInspections, AppEnv> = async (
  c,
) =>
  c.json(
    await selfInspections.listSelfInspections(c.var.deps, c.var.user, c.req.valid('query')),
    200,
  );

export const getSelfInspection: RouteHandler<typeof routes.getSelfInspection, AppEnv> = async (c) =>
  c.json(
    await selfInspections.getSelfInspection(c.var.deps, c.var.user, c.req.valid('param')),
    200,
  );

export const createSelfInspection: RouteHandler<
  typeof routes.createSelfInspection,
  AppEnv
> = async (c) =>
  c.json(
    await selfInspections.createSelfInspection(c.var.deps, c.var.user, c.req.valid('json')),
    201,
  );
