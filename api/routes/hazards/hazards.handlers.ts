import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../lib/context.js';
import * as hazards from '../../services/records/hazards.js';
import type * as routes from './hazards.routes.js';

export const listHazards: RouteHandler<typeof routes.listHazards, AppEnv> = async (c) =>
  c.json(await hazards.listHazards(c.var.deps, c.var.user, c.req.valid('query')), 200);

export const getHazard: RouteHandler<typeof routes.getHazard, AppEnv> = async (c) =>
  c.json(await hazards.getHazard(c.var.deps, c.var.user, c.req.valid('param')), 200);

export const createHazard: RouteHandler<typeof routes.createHazard, AppEnv> = async (c) =>
  c.json(await hazards.createHazard(c.var.deps, c.var.user, c.req.valid('json')), 201);

export const updateHazard: RouteHandler<typeof routes.updateHazard, AppEnv> = async (c) =>
  c.json(
    await hazards.updateHazard(c.var.deps, c.var.user, {
      ...c.req.valid('param'),
      ...c.req.valid('json'),
    }),
    200,
  );

export const startHazard: RouteHandler<typeof routes.startHazard, AppEnv> = async (c) =>
  c.json(
    await hazards.startRectification(c.var.deps, c.var.user, {
      ...c.req.valid('param'),
      ...c.req.valid('json'),
    }),
    200,
  );

export const submitHazard: RouteHandler<typeof routes.submitHazard, AppEnv> = async (c) =>
  c.json(
    await hazards.submitRectification(c.var.deps, c.var.user, {
      ...c.req.valid('param'),
      ...c.req.valid('json'),
    }),
    201,
  );

export const verifyHazard: RouteHandler<typeof routes.verifyHazard, AppEnv> = async (c) =>
  c.json(
    await hazards.verifyRectification(c.var.deps, c.var.user, {
      ...c.req.valid('param'),
      ...c.req.valid('json'),
    }),
    200,
  );

export const extendHazard: RouteHandler<typeof routes.extendHazard, AppEnv> = async (c) =>
  c.json(
    await hazards.extendDeadline(c.var.deps, c.var.user, {
      ...c.req.valid('param'),
      ...c.req.valid('json'),
    }),
    200,
  );
