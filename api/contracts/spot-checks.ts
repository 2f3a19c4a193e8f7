import { z } from '@hono/zod-openapi';
import { SPOT_CHECK_LEVELS, SPOT_CHECK_RESULTS } from '../../domain/labels.js';
import { PaginationQuery, listOf, sortQuery } from './lists.js';
import { Id, Instant, InstantInput } from './common.js';
import { dateRangeOrderMessage, dateRangeOrdered } from './lists.js';
import {
  correctionRequest,
  recordBaseFields,
  recordInputFields,
  recordListQueryFields,
} from './record-fields.js';

const levels = Object.keys(SPOT_CHECK_LEVELS) as [keyof typeof SPOT_CHECK_LEVELS];
const levelError = '抽查层级应为 city（市级）或 district（区级）';

const results = Object.keys(SPOT_CHECK_RESULTS) as [keyof typeof SPOT_CHECK_RESULTS];

export const CreateSpotCheckSchema = z
  .object({
    ...recordInputFields,
    level: z.enum(levels, { error: levelError }).openapi({
      description: '市级（仅市局管理员）或区级',
    }),
    enterpriseId: Id.openapi({ description: '被抽查企业 id' }),
    product: z
      .string({ error: '抽查产品应为文字' })
      .trim()
      .min(1, '抽查产品不能为空')
      .max(100, '抽查产品不超过 100 字'),
    checkedAt: InstantInput.openapi({ description: '抽查（抽样）时间' }),
    batches: z
      .number({ error: '抽查批次数应为整数' })
      .int('抽查批次数应为整数')
      .min(1, '抽查批次数至少为 1')
      .max(100_000, '抽查批次数过大'),
    unqualifiedBatches: z
      .number({ error: '不合格批次数应为整数' })
      .int('不合格批次数应为整数')
      .min(0, '不合格批次数不能为负数'),
    failedItems: z
      .array(z.string().trim().min(1, '不合格项目不能为空').max(200), {
        error: '不合格项目应为文字列表',
      })
      .max(100, '不合格项目最多 100 项')
      .default([])
      .openapi({ description: '不合格项目；有不合格批次时必填，全部合格时应为空' }),
    tracingNote: z
      .string({ error: '追查情况应为文字' })
      .trim()
      .max(2000, '追查情况不超过 2000 字')
      .optional()
      .openapi({ description: '生产流通双向追查情况' }),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.unqualifiedBatches > v.batches) {
      ctx.addIssue({
        code: 'custom',
        path: ['unqualifiedBatches'],
        message: '不合格批次数不能超过抽查批次数',
      });
    }
    if (v.unqualifiedBatches > 0 && v.failedItems.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['failedItems'],
        message: '有不合格批次时应填写不合格项目',
      });
    }
    if (v.unqualifiedBatches === 0 && v.failedItems.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['failedItems'],
        message: '全部批次合格时不应填写不合格项目',
      });
    }
  })
  .openapi('CreateSpotCheck');

export const SpotCheckSchema = z
  .object({
    ...recordBaseFields,
    enterpriseId: z.string(),
    enterpriseName: z.string(),
    enterpriseCreditCode: z.string(),
    level: z.enum(levels),
    levelName: z.string().openapi({ example: '区级' }),
    product: z.string(),
    checkedAt: Instant,
    batches: z.number().int(),
    unqualifiedBatches: z.number().int(),
    failedItems: z.array(z.string()),
    tracingNote: z.string().nullable(),
    result: z.enum(results).openapi({ description: '有不合格批次即为不合格（抽查不合格）' }),
    resultName: z.string().openapi({ example: '不合格' }),
  })
  .openapi('SpotCheck');

export const SpotCheckListSchema = listOf(SpotCheckSchema, 'SpotCheckList');

export const SpotCheckListQuery = PaginationQuery.extend({
  ...recordListQueryFields,
  level: z.enum(levels, { error: levelError }).optional(),
  result: z
    .enum(results, { error: '结果应为 qualified（合格）或 unqualified（不合格）' })
    .optional(),
  sort: sortQuery(['checkedAt', 'createdAt'], '-checkedAt'),
}).refine(dateRangeOrdered, dateRangeOrderMessage);

export const CorrectSpotCheckSchema = correctionRequest(
  'CorrectSpotCheck',
  '更正监督抽查结果（不合格批次数、不合格项目等按录入时的规则校验）',
);
