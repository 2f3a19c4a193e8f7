import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../lib/context.js';
import * as actions from '../../services/records/escalation-actions.js';
import type * as routes from './escalation-actions.routes.js';

export const listEscalationActions: RouteHandler<
  typeof routes.listEscalationActions,
  AppEnv
> = async (c) =>
  c.json(
    await actions.listEscalationActions(c.var.deps, c.var.user, {
      hazardId: c.req.valid('param').id,
    }),
    200,
  );

export const recordEscalationAction: RouteHandler<
  typeof routes.recordEscalationAction,
  AppEnv
> = async (c) =>
  c.json(
    await actions.recordEscalationAction(c.var.deps, c.var.user, {
      hazardId: c.req.valid('param').id,
      ...c.req.valid('json'),
    }),
    201,
  );
