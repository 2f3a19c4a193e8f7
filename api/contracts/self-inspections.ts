import { z } from '@hono/zod-openapi';
import { DateRangeQuery, PaginationQuery, listOf, sortQuery } from './lists.js';
import { Id, Instant, InstantInput } from './common.js';

const FindingInput = z
  .object({
    problem: z
      .string({ error: '问题描述应为字符串' })
      .trim()
      .min(1, '问题描述不能为空')
      .max(1000, '问题描述最多 1000 个字符'),
    measure: z
      .string({ error: '整改措施应为字符串' })
      .trim()
      .min(1, '整改措施不能为空')
      .max(1000, '整改措施最多 1000 个字符'),
    done: z.boolean({ error: '是否已整改应为 true/false' }),
  })
  .strict();

export const CreateSelfInspectionSchema = z
  .object({
    campaignId: Id,
    inspectedAt: InstantInput,
    summary: z
      .string({ error: '自查情况应为字符串' })
      .trim()
      .min(1, '自查情况不能为空')
      .max(5000, '自查情况最多 5000 个字符')
      .openapi({ example: '对燃气灶生产线出厂检验记录进行了全面自查' }),
    findings: z
      .array(FindingInput, { error: '发现的问题应为数组' })
      .max(200, '发现的问题最多 200 条')
      .default([])
      .openapi({
        example: [{ problem: '出厂检验记录不全', measure: '补齐记录并培训检验员', done: false }],
      }),
  })
  .strict()
  .openapi('CreateSelfInspection');

export const SelfInspectionSchema = z
  .object({
    id: z.string(),
    campaignId: z.string(),
    enterpriseId: z.string(),
    enterpriseName: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    inspectedAt: Instant,
    summary: z.string(),
    findings: z.array(z.object({ problem: z.string(), measure: z.string(), done: z.boolean() })),
    findingCount: z.number().int(),
    openFindingCount: z.number().int().openapi({ description: '尚未整改完成的问题数' }),
    createdById: z.string(),
    createdAt: Instant,
  })
  .openapi('SelfInspection');

export const SelfInspectionListSchema = listOf(SelfInspectionSchema, 'SelfInspectionList');

export const SelfInspectionListQuery = PaginationQuery.extend({
  campaign: Id.optional().openapi({ description: '专项行动 id' }),
  unit: Id.optional().openapi({ description: '实施单位 id' }),
  enterprise: Id.optional().openapi({ description: '企业 id' }),
  openFindings: z
    .enum(['true', 'false'], { error: 'openFindings 应为 true 或 false' })
    .transform((v) => v === 'true')
    .optional()
    .openapi({ description: 'true：仅含未整改完成问题的自查' }),
  ...DateRangeQuery.shape,
  sort: sortQuery(['inspectedAt', 'createdAt'], '-inspectedAt'),
});
