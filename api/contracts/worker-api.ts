// The contract between the worker's activities and the API's internal routes: one description of
// every request and answer. The routes validate with it, the HTTP client in activities/ parses
// every answer with it, and workflows import its types (type-only: nothing here is bundled).
import { z } from '@hono/zod-openapi';
import { CAMPAIGN_STATES } from '../../domain/calendar/phases.js';
import { DEADLINE_KINDS } from '../../domain/calendar/materialise.js';
import { REMINDER_KINDS } from '../../domain/reminders/templates.js';
import { Id } from './common.js';

const IsoInstant = z.iso.datetime({ offset: true });

/** What a reminder, an overdue mark or an escalation is about. */
export const SubjectTypeSchema = z.enum(['duty', 'hazard', 'task']).openapi('SubjectType');
export type SubjectType = z.infer<typeof SubjectTypeSchema>;

export const DeadlineKindSchema = z.enum(DEADLINE_KINDS, {
  error: `报送类型应为 ${DEADLINE_KINDS.slice(0, -1).join('、')} 或 ${DEADLINE_KINDS.at(-1)}`,
});

export const ReminderRequestSchema = z
  .object({
    key: z.string().min(1).max(300),
    kind: z.enum(REMINDER_KINDS),
    subjectType: SubjectTypeSchema,
    subjectId: Id,
    daysLeft: z.number().int().min(0).optional(),
    repeat: z.number().int().min(1).optional(),
    /** The deadline the workflow plans with; when the record's has moved, nothing is sent. */
    dueAt: IsoInstant.optional(),
  })
  .strict()
  .openapi('ReserveReminder');
export type ReminderRequest = z.infer<typeof ReminderRequestSchema>;

/** The record's deadline is no longer the one the workflow planned with: move it, send nothing. */
const Moved = z.object({ outcome: z.literal('moved'), deadline: IsoInstant });

/** The API's answer to a reservation: what to send, or why not. */
export const ReservationSchema = z
  .discriminatedUnion('outcome', [
    z.object({
      outcome: z.literal('send'),
      messageId: z.string(),
      to: z.array(z.string()),
      cc: z.array(z.string()),
      subject: z.string(),
      text: z.string(),
      ics: z.object({ filename: z.string(), content: z.string() }),
      /**
       * Messages of their own, same subject and attachment: one per enterprise user, whose text
       * carries that user's sign-in link (they are not in `to`). Absent from older APIs.
       */
      personal: z
        .array(z.object({ to: z.string(), messageId: z.string(), text: z.string() }))
        .optional(),
    }),
    z.object({ outcome: z.enum(['already_sent', 'skipped']) }),
    /** The subject no longer needs it (duty submitted, hazard closed …): its current status. */
    z.object({ outcome: z.literal('obsolete'), subjectStatus: z.string() }),
    Moved,
  ])
  .openapi('Reservation');
export type Reservation = z.infer<typeof ReservationSchema>;

export const ReminderKeyParams = z.object({
  key: z
    .string()
    .min(1)
    .openapi({ param: { name: 'key', in: 'path' } }),
});

export const OkSchema = z.object({ ok: z.literal(true) }).openapi('Ok');

export const MarkOverdueSchema = z
  .object({
    subjectType: SubjectTypeSchema,
    subjectId: Id,
    /** The deadline the workflow planned with, from which the subject is late. */
    since: IsoInstant,
  })
  .strict()
  .openapi('MarkOverdue');
export type MarkOverdueRequest = z.infer<typeof MarkOverdueSchema>;

export const EscalationSchema = z
  .object({
    at: IsoInstant,
    /** The deadline the workflow planned with (absent from workers older than this field). */
    deadline: IsoInstant.optional(),
  })
  .strict()
  .openapi('Escalation');
export type EscalationRequest = z.infer<typeof EscalationSchema> & { hazardId: string };

/** Answer to a deadline-bound write: done (or nothing to do), or the deadline has moved. */
export const DeadlineWriteSchema = z
  .discriminatedUnion('outcome', [z.object({ outcome: z.literal('recorded') }), Moved])
  .openapi('DeadlineWrite');
export type DeadlineWrite = z.infer<typeof DeadlineWriteSchema>;

export const CampaignStateSchema = z.enum(CAMPAIGN_STATES).openapi('CampaignState');

export const PhaseChangeSchema = z
  .object({
    state: CampaignStateSchema,
    at: z.iso.datetime({ offset: true, error: '时间应为 ISO 8601 格式' }),
  })
  .strict()
  .openapi('PhaseChange');
export type PhaseChange = z.infer<typeof PhaseChangeSchema> & { campaignId: string };

export const PhaseChangeResultSchema = z.object({ state: CampaignStateSchema });
