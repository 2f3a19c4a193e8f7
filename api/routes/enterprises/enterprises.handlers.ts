import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../lib/context.js';
import * as enterprises from '../../services/register/enterprises.js';
import { presentEnterprise } from '../../services/register/enterprises.js';
import type * as routes from './enterprises.routes.js';

export const listEnterprises: RouteHandler<typeof routes.listEnterprises, AppEnv> = async (c) =>
  c.json(await enterprises.listEnterprises(c.var.deps, c.var.user, c.req.valid('query')), 200);

export const getEnterprise: RouteHandler<typeof routes.getEnterprise, AppEnv> = async (c) =>
  c.json(
    presentEnterprise(
      await enterprises.findVisibleEnterprise(c.var.deps, c.var.user, c.req.valid('param')),
    ),
    200,
  );

export const createEnterprise: RouteHandler<typeof routes.createEnterprise, AppEnv> = async (c) =>
  c.json(await enterprises.createEnterprise(c.var.deps, c.var.user, c.req.valid('json')), 201);

export const updateEnterprise: RouteHandler<typeof routes.updateEnterprise, AppEnv> = async (c) =>
  c.json(
    await enterprises.updateEnterprise(c.var.deps, c.var.user, {
      ...c.req.valid('param'),
      ...c.req.valid('json'),
    }),
    200,
  );
