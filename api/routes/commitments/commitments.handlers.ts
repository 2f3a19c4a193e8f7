import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../lib/context.js';
import * as commitments from '../../services/records/commitments.js';
import type * as routes from './commitments.routes.js';

export const listCommitments: RouteHandler<typeof routes.listCommitments, AppEnv> = async (c) =>
  c.json(await commitments.listCommitments(c.var.deps, c.var.user, c.req.valid('query')), 200);

export const getCommitment: RouteHandler<typeof routes.getCommitment, AppEnv> = async (c) =>
  c.json(await commitments.getCommitment(c.var.deps, c.var.user, c.req.valid('param')), 200);

export const createCommitment: RouteHandler<typeof routes.createCommitment, AppEnv> = async (c) =>
  c.json(await commitments.createCommitment(c.var.deps, c.var.user, c.req.valid('json')), 201);
