// The reminders as people read them (listed on a duty, hazard or task, and under /api/reminders).
import { z } from '@hono/zod-openapi';
import { PaginationQuery, sortQuery } from '../lib/list-query.js';
import { Id, Instant } from '../lib/schemas.js';
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
