import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../lib/context.js';
import * as cases from '../../services/records/cases.js';
import type * as routes from './cases.routes.js';

export const listCases: RouteHandler<typeof routes.listCases, AppEnv> = async (c) =>
  c.json(await cases.listCases(c.var.deps, c.var.user, c.req.valid('query')), 200);

export const getCase: RouteHandler<typeof routes.getCase, AppEnv> = async (c) =>
  c.json(
    cases.presentCase(await cases.findVisibleCase(c.var.deps, c.var.user, c.req.valid('param'))),
    200,
  );

export const createCase: RouteHandler<typeof routes.createCase, AppEnv> = async (c) =>
  c.json(await cases.createCase(c.var.deps, c.var.user, c.req.valid('json')), 201);

export const updateCase: RouteHandler<typeof routes.updateCase, AppEnv> = async (c) =>
  c.json(
    await cases.updateCase(c.var.deps, c.var.user, {
      ...c.req.valid('param'),
      ...c.req.valid('json'),
    }),
    200,
  );

export const correctCase: RouteHandler<typeof routes.correctCase, AppEnv> = async (c) =>
  c.json(
    await cases.correctCase(c.var.deps, c.var.user, {
      id: c.req.valid('param').id,
      ...(c.req.valid('json') as { version: number; reason: string }),
    }),
    200,
  );

export const voidCase: RouteHandler<typeof routes.voidCase, AppEnv> = async (c) =>
  c.json(
    await cases.voidCase(c.var.deps, c.var.user, {
      id: c.req.valid('param').id,
      ...c.req.valid('json'),
    }),
    200,
  );
