import { z } from '@hono/zod-openapi';
import { PaginationQuery, listOf, sortQuery } from './lists.js';
import { Id, Instant } from './common.js';
import { ReminderSchema } from './reminders.js';
import { DeadlineKindSchema } from './worker-api.js';

const Attachment = z
  .object({
    name: z.string().trim().min(1).max(200),
    url: z.url('附件地址格式不正确'),
  })
  .strict();

export const SubmitDutySchema = z
  .object({
    text: z
      .string()
      .trim()
      .max(50_000)
      .optional()
      .openapi({ description: '总结正文（阶段性、全年总结）' }),
    attachments: z.array(Attachment).max(20).default([]),
    reason: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .optional()
      .openapi({ description: '重新报送时必填：说明更正原因' }),
    typicalCaseIds: z.array(Id).max(100).optional().openapi({
      description:
        '月度统计表：随表报送的本月典型案例（须为本单位本月的典型案例）；省略时报送本月全部典型案例',
    }),
    noTypicalCases: z.boolean().optional().openapi({
      description: '月度统计表：本月无典型案例（本月没有典型案例时必须为 true）',
    }),
  })
  .strict()
  .openapi('SubmitDuty');

/** The multipart form of POST /api/duties/{id}/submissions: the same fields, plus files. */
export const SubmitDutyMultipartSchema = z
  .object({
    text: z.string().optional(),
    reason: z.string().optional(),
    typicalCaseIds: z.union([z.string(), z.array(z.string())]).optional(),
    noTypicalCases: z.enum(['true', 'false']).optional(),
    files: z
      .union([z.any(), z.array(z.any())])
      .optional()
      .openapi({
        type: 'array',
        items: { type: 'string', format: 'binary' },
        description: '附件（Word、PDF、图片、OFD；按内容识别类型）',
      }),
  })
  .openapi('SubmitDutyMultipart');

/** A file attached to a submitted version (download: /api/duties/{id}/files/{attachmentId}). */
const DutyFileSchema = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number().int(),
  mediaType: z.string(),
  url: z.string(),
});

const DutySubmissionSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  text: z.string().nullable(),
  attachments: z.array(z.object({ name: z.string(), url: z.string() })),
  statistics: z.unknown().nullable(),
  typicalCases: z.array(z.object({ id: z.string(), title: z.string() })),
  noTypicalCases: z.boolean(),
  files: z.array(DutyFileSchema),
  reason: z.string().nullable(),
  submittedById: z.string(),
  submittedAt: Instant,
});

export const DutyAttachmentParams = z.object({ id: Id, attachmentId: Id });

export const DutySummarySchema = z
  .object({
    id: z.string(),
    campaignId: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    kind: DeadlineKindSchema,
    period: z.string(),
    name: z.string(),
    dueDate: z.string(),
    dueAt: Instant,
    status: z.enum(['pending', 'submitted']),
    statusName: z.string(),
    overdue: z.boolean(),
    overdueSince: Instant.nullable(),
    submittedAt: Instant.nullable(),
    onTime: z.boolean().nullable(),
    version: z.number().int(),
  })
  .openapi('DutySummary');

export const DutySchema = DutySummarySchema.extend({
  submissions: z.array(DutySubmissionSchema),
  reminders: z.array(ReminderSchema),
}).openapi('Duty');

export const DutyListSchema = listOf(DutySummarySchema, 'DutyList');

export const DutyListQuery = PaginationQuery.extend({
  campaign: Id.optional(),
  unit: Id.optional(),
  kind: DeadlineKindSchema.optional(),
  status: z.enum(['pending', 'submitted']).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  sort: sortQuery(['dueAt', 'submittedAt'], 'dueAt'),
});
