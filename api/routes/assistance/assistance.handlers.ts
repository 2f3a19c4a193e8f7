import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../lib/context.js';
import * as assistance from '../../services/records/assistance.js';
import type * as routes from './assistance.routes.js';

export const listAssistance: RouteHandler<typeof routes.listAssistance, AppEnv> = async (c) =>
  c.json(await assistance.listAssistance(c.var.deps, c.var.user, c.req.valid('query')), 200);

export const getAssistance: RouteHandler<typeof routes.getAssistance, AppEnv> = async (c) =>
  c.json(
    assistance.presentAssistance(
      await assistance.findVisibleAssistance(
        c.var.deps.db.prisma,
        c.var.user,
        c.req.valid('param').id,
      ),
    ),
    200,
  );

export const createAssistance: RouteHandler<typeof routes.createAssistance, AppEnv> = async (c) =>
  c.json(await assistance.createAssistance(c.var.deps, c.var.user, c.req.valid('json')), 201);
