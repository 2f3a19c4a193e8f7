import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../lib/context.js';
import * as reminders from '../../services/reminders.js';
import * as timeline from '../../services/timeline.js';
import type * as routes from './internal.routes.js';

const ok = { ok: true as const };

export const reserveReminder: RouteHandler<typeof routes.reserveReminder, AppEnv> = async (c) =>
  c.json(await reminders.reserveReminder(c.var.deps, c.req.valid('json')), 200);

export const markReminderSent: RouteHandler<typeof routes.markReminderSent, AppEnv> = async (c) => {
  await reminders.markReminderSent(c.var.deps, c.req.valid('param').key);
  return c.json(ok, 200);
};

export const markOverdue: RouteHandler<typeof routes.markOverdue, AppEnv> = async (c) => {
  const input = c.req.valid('json');
  await timeline.markOverdue(c.var.deps, { ...input, since: new Date(input.since) });
  return c.json(ok, 200);
};

export const markEscalated: RouteHandler<typeof routes.markEscalated, AppEnv> = async (c) => {
  await timeline.markEscalated(
    c.var.deps,
    c.req.valid('param').id,
    new Date(c.req.valid('json').at),
  );
  return c.json(ok, 200);
};

export const applyExtension: RouteHandler<typeof routes.applyExtension, AppEnv> = async (c) => {
  const input = c.req.valid('json');
  return c.json(
    await timeline.applyDeadlineExtension(c.var.deps, c.req.valid('param').id, {
      ...input,
      dueAt: new Date(input.dueAt),
    }),
    200,
  );
};

export const recordCancellation: RouteHandler<typeof routes.recordCancellation, AppEnv> = async (
  c,
) => {
  await timeline.recordCancellation(c.var.deps, c.req.valid('param').id, c.req.valid('json'));
  return c.json(ok, 200);
};
