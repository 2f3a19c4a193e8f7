import { z } from '@hono/zod-openapi';
import { REMINDER_KINDS } from '../../../domain/reminders/templates.js';
import { PaginationQuery, sortQuery } from '../../contracts/lists.js';
import { Id, Instant } from '../../contracts/common.js';

const SubjectType = z.enum(['duty', 'hazard', 'task']);

export const ReserveReminderSchema = z
  .object({
    key: z.string().min(1).max(300),
    kind: z.enum(REMINDER_KINDS),
    subjectType: SubjectType,
    subjectId: Id,
    daysLeft: z.number().int().min(0).optional(),
    repeat: z.number().int().min(1).optional(),
  })
  .strict()
  .openapi('ReserveReminder');

export const ReservationSchema = z
  .object({
    outcome: z.enum(['send', 'already_sent', 'skipped', 'obsolete']),
    messageId: z.string().optional(),
    to: z.array(z.string()).optional(),
    cc: z.array(z.string()).optional(),
    subject: z.string().optional(),
    text: z.string().optional(),
    ics: z.object({ filename: z.string(), content: z.string() }).optional(),
    subjectStatus: z.string().optional(),
  })
  .openapi('Reservation');

export const MarkOverdueSchema = z
  .object({ subjectType: SubjectType, subjectId: Id, since: z.iso.datetime({ offset: true }) })
  .strict()
  .openapi('MarkOverdue');

export const EscalationSchema = z
  .object({ at: z.iso.datetime({ offset: true }) })
  .strict()
  .openapi('Escalation');

export const ApplyExtensionSchema = z
  .object({
    kind: z.enum(['monthly_statistics', 'phase_summary', 'annual_summary']),
    period: z.string().min(4).max(7),
    unitId: Id.optional(),
    dueAt: z.iso.datetime({ offset: true }),
    reason: z.string().trim().min(1),
    actorId: Id,
  })
  .strict()
  .openapi('ApplyDeadlineExtension');

export const ExtensionResultSchema = z
  .object({ duties: z.array(z.object({ dutyId: z.string(), unitId: z.string(), dueAt: Instant })) })
  .openapi('DeadlineExtensionResult');

export const CancellationSchema = z
  .object({ reason: z.string().trim().min(1), actorId: Id })
  .strict()
  .openapi('CampaignCancellation');

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
  subjectType: SubjectType.optional(),
  subjectId: Id.optional(),
  unit: Id.optional(),
  sort: sortQuery(['reservedAt', 'sentAt'], '-reservedAt'),
});
