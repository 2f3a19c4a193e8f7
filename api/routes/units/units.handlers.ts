import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../lib/context.js';
import * as units from '../../services/register/units.js';
import type * as routes from './units.routes.js';

export const listUnits: RouteHandler<typeof routes.listUnits, AppEnv> = async (c) =>
  c.json(await units.listUnits(c.var.deps, c.var.user), 200);

export const getUnit: RouteHandler<typeof routes.getUnit, AppEnv> = async (c) =>
  c.json(await units.getUnit(c.var.deps, c.var.user, c.req.valid('param')), 200);

export const setListedSupervision: RouteHandler<
  typeof routes.setListedSupervision,
  AppEnv
> = async (c) =>
  c.json(
    await units.setListedSupervision(c.var.deps, c.var.user, {
      id: c.req.valid('param').id,
      ...c.req.valid('json'),
    }),
    200,
  );
