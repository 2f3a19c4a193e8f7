import { z } from '@hono/zod-openapi';
import { PaginationQuery, listOf, sortQuery } from './lists.js';
import { Id, Instant, VersionInput } from './common.js';
import { ReminderSchema } from './reminders.js';

export const FollowUpSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['reinspection', 'interview']),
    kindName: z.string(),
    campaignId: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    enterpriseId: z.string(),
    enterpriseName: z.string(),
    hazardId: z.string().nullable(),
    spotCheckIds: z.array(z.string()),
    reason: z.string(),
    dueAt: Instant,
    status: z.enum(['open', 'done', 'cancelled']),
    statusName: z.string(),
    overdue: z.boolean(),
    overdueSince: Instant.nullable(),
    closedAt: Instant.nullable(),
    closingNote: z.string().nullable(),
    inspectionId: z.string().nullable().openapi({ description: '完成该专门现场检查的检查记录 id' }),
    interviewId: z.string().nullable().openapi({ description: '完成该约谈任务的约谈记录 id' }),
    version: z.number().int(),
    createdAt: Instant,
  })
  .openapi('FollowUp');

export const FollowUpDetailSchema = FollowUpSchema.extend({
  reminders: z.array(ReminderSchema),
}).openapi('FollowUpDetail');

export const FollowUpListSchema = listOf(FollowUpSchema, 'FollowUpList');

export const FollowUpListQuery = PaginationQuery.extend({
  campaign: Id.optional(),
  unit: Id.optional(),
  enterprise: Id.optional(),
  kind: z.enum(['reinspection', 'interview']).optional(),
  status: z.enum(['open', 'done', 'cancelled']).optional(),
  sort: sortQuery(['dueAt', 'createdAt'], 'dueAt'),
});

export const CloseFollowUpSchema = z
  .object({
    version: VersionInput,
    note: z.string().trim().min(1, '请填写完成情况').max(2000),
    inspectionId: Id.optional().openapi({
      description: '专门现场检查：完成该任务的检查记录 id（须为该企业在任务下达后的检查）',
    }),
    interviewId: Id.optional().openapi({
      description: '约谈：完成该任务的约谈记录 id（须为该企业在任务下达后的约谈）',
    }),
  })
  .strict()
  .openapi('CloseFollowUp');
