import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../lib/context.js';
import * as reminders from '../../services/timeline/reminders.js';
import * as deadlineWrites from '../../services/timeline/deadline-writes.js';
import type * as routes from './internal.routes.js';

export const reserveReminder: RouteHandler<typeof routes.reserveReminder, AppEnv> = async (c) =>
  c.json(await reminders.reserveReminder(c.var.deps, c.var.user, c.req.valid('json')), 200);

export const markReminderSent: RouteHandler<typeof routes.markReminderSent, AppEnv> = async (c) => {
  await reminders.markReminderSent(c.var.deps, c.var.user, c.req.valid('param'));
  return c.json({ ok: true as const }, 200);
};

export const markOverdue: RouteHandler<typeof routes.markOverdue, AppEnv> = async (c) => {
  const input = c.req.valid('json');
  return c.json(
    await deadlineWrites.markOverdue(c.var.deps, c.var.user, {
      ...input,
      since: new Date(input.since),
    }),
    200,
  );
};

export const markEscalated: RouteHandler<typeof routes.markEscalated, AppEnv> = async (c) => {
  const { at, deadline } = c.req.valid('json');
  return c.json(
    await deadlineWrites.markEscalated(c.var.deps, c.var.user, {
      hazardId: c.req.valid('param').id,
      at: new Date(at),
      deadline: deadline === undefined ? undefined : new Date(deadline),
    }),
    200,
  );
};
