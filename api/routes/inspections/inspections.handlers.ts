import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../lib/context.js';
import * as inspections from '../../services/records/inspections.js';
import type * as routes from './inspections.routes.js';

export const listChecklists: RouteHandler<typeof routes.listChecklists, AppEnv> = (c) =>
  c.json(inspections.listChecklists(), 200);

export const listInspections: RouteHandler<typeof routes.listInspections, AppEnv> = async (c) =>
  c.json(await inspections.listInspections(c.var.deps, c.var.user, c.req.valid('query')), 200);

export const getInspection: RouteHandler<typeof routes.getInspection, AppEnv> = async (c) =>
  c.json(await inspections.getInspection(c.var.deps, c.var.user, c.req.valid('param')), 200);

export const createInspection: RouteHandler<typeof routes.createInspection, AppEnv> = async (c) =>
  c.json(await inspections.createInspection(c.var.deps, c.var.user, c.req.valid('json')), 201);

export const correctInspection: RouteHandler<typeof routes.correctInspection, AppEnv> = async (c) =>
  c.json(
    await inspections.correctInspection(c.var.deps, c.var.user, {
      id: c.req.valid('param').id,
      ...(c.req.valid('json') as { version: number; reason: string }),
    }),
    200,
  );

export const voidInspection: RouteHandler<typeof routes.voidInspection, AppEnv> = async (c) =>
  c.json(
    await inspections.voidInspection(c.var.deps, c.var.user, {
      id: c.req.valid('param').id,
      ...c.req.valid('json'),
    }),
    200,
  );
