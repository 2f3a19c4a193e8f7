import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../lib/context.js';
import * as assistance from '../../services/records/assistance.js';
import type * as routes from './assistance.routes.js';

export const listAssistance: RouteHandler<typeof routes.listAssistance, AppEnv> = async (c) =>
  c.json(await assistance.listAssistance(c.var.deps, c.var.user, c.req.valid('query')), 200);

export const getAssistance: RouteHandler<typeof routes.getAssistance, AppEnv> = async (c) =>
  c.json(
    assistance.presentAssistance(
      await assistance.findVisibleAssistance(c.var.deps, c.var.user, c.req.valid('param')),
    ),
    200,
  );

export const createAssistance: RouteHandler<typeof routes.createAssistance, AppEnv> = async (c) =>
  c.json(await assistance.createAssistance(c.var.deps, c.var.user, c.req.valid('json')), 201);

export const correctAssistance: RouteHandler<typeof routes.correctAssistance, AppEnv> = async (c) =>
  c.json(
    await assistance.correctAssistance(c.var.deps, c.var.user, {
      id: c.req.valid('param').id,
      ...(c.req.valid('json') as { version: number; reason: string }),
    }),
    200,
  );

export const voidAssistance: RouteHandler<typeof routes.voidAssistance, AppEnv> = async (c) =>
  c.json(
    await assistance.voidAssistance(c.var.deps, c.var.user, {
      id: c.req.valid('param').id,
      ...c.req.valid('json'),
    }),
    200,
  );
