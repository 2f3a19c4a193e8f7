import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../lib/context.js';
import * as interviews from '../../services/records/interviews.js';
import type * as routes from './interviews.routes.js';

export const listInterviews: RouteHandler<typeof routes.listInterviews, AppEnv> = async (c) =>
  c.json(await interviews.listInterviews(c.var.deps, c.var.user, c.req.valid('query')), 200);

export const getInterview: RouteHandler<typeof routes.getInterview, AppEnv> = async (c) =>
  c.json(
    interviews.presentInterview(
      await interviews.findVisibleInterview(c.var.deps, c.var.user, c.req.valid('param')),
    ),
    200,
  );

export const createInterview: RouteHandler<typeof routes.createInterview, AppEnv> = async (c) =>
  c.json(await interviews.createInterview(c.var.deps, c.var.user, c.req.valid('json')), 201);

export const correctInterview: RouteHandler<typeof routes.correctInterview, AppEnv> = async (c) =>
  c.json(
    await interviews.correctInterview(c.var.deps, c.var.user, {
      id: c.req.valid('param').id,
      ...(c.req.valid('json') as { version: number; reason: string }),
    }),
    200,
  );

export const voidInterview: RouteHandler<typeof routes.voidInterview, AppEnv> = async (c) =>
  c.json(
    await interviews.voidInterview(c.var.deps, c.var.user, {
      id: c.req.valid('param').id,
      ...c.req.valid('json'),
    }),
    200,
  );
