import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../lib/context.js';
import * as users from '../../services/people/users.js';
import type * as routes from './users.routes.js';

export const getMe: RouteHandler<typeof routes.getMe, AppEnv> = async (c) =>
  c.json(await users.getMe(c.var.deps, c.var.user), 200);

export const listUsers: RouteHandler<typeof routes.listUsers, AppEnv> = async (c) =>
  c.json(await users.listUsers(c.var.deps, c.var.user, c.req.valid('query')), 200);

export const getUser: RouteHandler<typeof routes.getUser, AppEnv> = async (c) =>
  c.json(await users.getUser(c.var.deps, c.var.user, c.req.valid('param')), 200);

export const createUser: RouteHandler<typeof routes.createUser, AppEnv> = async (c) =>
  c.json(await users.createUser(c.var.deps, c.var.user, c.req.valid('json')), 201);

export const updateUser: RouteHandler<typeof routes.updateUser, AppEnv> = async (c) =>
  c.json(
    await users.updateUser(c.var.deps, c.var.user, {
      ...c.req.valid('param'),
      ...c.req.valid('json'),
    }),
    200,
  );

export const issueToken: RouteHandler<typeof routes.issueToken, AppEnv> = async (c) => {
  // The plain token is in this response only: no cache may keep it.
  c.header('Cache-Control', 'no-store');
  return c.json(
    await users.issueToken(c.var.deps, c.var.user, {
      ...c.req.valid('param'),
      ...c.req.valid('json'),
    }),
    201,
  );
};

export const revokeToken: RouteHandler<typeof routes.revokeToken, AppEnv> = async (c) =>
  c.json(await users.revokeToken(c.var.deps, c.var.user, c.req.valid('param')), 200);
