import { z } from '@hono/zod-openapi';
import { PaginationQuery, listOf, sortQuery } from './lists.js';
import { Id, Instant, InstantInput } from './common.js';
import { dateRangeOrderMessage, dateRangeOrdered } from './lists.js';
import {
  correctionRequest,
  recordBaseFields,
  recordInputFields,
  recordListQueryFields,
} from './record-fields.js';

export const CreateInterviewSchema = z
  .object({
    ...recordInputFields,
    enterpriseId: Id.openapi({ description: '被约谈企业 id' }),
    interviewedAt: InstantInput.openapi({ description: '约谈时间' }),
    reason: z
      .string({ error: '约谈事由应为文字' })
      .trim()
      .min(1, '约谈事由不能为空')
      .max(1000, '约谈事由不超过 1000 字'),
    hazardId: Id.optional().openapi({ description: '相关隐患 id（须为该企业的隐患）' }),
    note: z.string({ error: '备注应为文字' }).trim().max(2000, '备注不超过 2000 字').optional(),
  })
  .strict()
  .openapi('CreateInterview');

export const InterviewSchema = z
  .object({
    ...recordBaseFields,
    enterpriseId: z.string(),
    enterpriseName: z.string(),
    enterpriseCreditCode: z.string(),
    interviewedAt: Instant,
    reason: z.string(),
    hazardId: z.string().nullable(),
    note: z.string().nullable(),
  })
  .openapi('Interview');

export const InterviewListSchema = listOf(InterviewSchema, 'InterviewList');

export const InterviewListQuery = PaginationQuery.extend({
  ...recordListQueryFields,
  hazard: Id.optional().openapi({ description: '相关隐患 id' }),
  sort: sortQuery(['interviewedAt', 'createdAt'], '-interviewedAt'),
}).refine(dateRangeOrdered, dateRangeOrderMessage);

export const CorrectInterviewSchema = correctionRequest(
  'CorrectInterview',
  '更正约谈记录（约谈事由用 interviewReason 字段，reason 为更正原因）',
);
