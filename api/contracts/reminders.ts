// The reminders as people read them (listed on a duty, hazard or task, and under /api/reminders).
import { z } from '@hono/zod-openapi';
import { Id, Instant } from './common.js';
import { PaginationQuery, sortQuery } from './lists.js';
import { SubjectTypeSchema } from './worker-api.js';

export const ReminderSchema = z
  .object({
    key: z.string(),
    messageId: z.string(),
    kind: z.string(),
    subjectType: z.string(),
    subjectId: z.string(),
    recipients: z.array(z.string()),
    cc: z.array(z.string()),
    subject: z.string(),
    status: z.enum(['reserved', 'sent', 'skipped']),
    reservedAt: Instant,
    sentAt: Instant.nullable(),
  })
  .openapi('Reminder');

export const ReminderListQuery = PaginationQuery.extend({
  subjectType: SubjectTypeSchema.optional(),
  subjectId: Id.optional(),
  unit: Id.optional(),
  sort: sortQuery(['reservedAt', 'sentAt'], '-reservedAt'),
});

export type ReminderListInput = z.output<typeof ReminderListQuery>;
