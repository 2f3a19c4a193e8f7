import { z } from '@hono/zod-openapi';
import { DateRangeQuery, PaginationQuery, listOf, sortQuery } from './lists.js';
import { Id, Instant, InstantInput } from './common.js';

export const CreateCommitmentSchema = z
  .object({
    campaignId: Id,
    text: z
      .string({ error: '承诺内容应为字符串' })
      .trim()
      .min(1, '承诺内容不能为空')
      .max(5000, '承诺内容最多 5000 个字符')
      .openapi({ example: '本企业承诺严格落实质量安全主体责任，不生产销售不合格产品。' }),
    signedBy: z
      .string({ error: '签署人应为字符串' })
      .trim()
      .min(1, '签署人不能为空')
      .max(50, '签署人最多 50 个字符')
      .openapi({ example: '李四（法定代表人）' }),
    signedAt: InstantInput,
  })
  .strict()
  .openapi('CreateCommitment');

export const CommitmentSchema = z
  .object({
    id: z.string(),
    campaignId: z.string(),
    enterpriseId: z.string(),
    enterpriseName: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    text: z.string(),
    signedBy: z.string(),
    signedAt: Instant,
    createdById: z.string(),
    createdAt: Instant,
  })
  .openapi('Commitment');

export const CommitmentListSchema = listOf(CommitmentSchema, 'CommitmentList');

export const CommitmentListQuery = PaginationQuery.extend({
  campaign: Id.optional().openapi({ description: '专项行动 id' }),
  unit: Id.optional().openapi({ description: '实施单位 id' }),
  enterprise: Id.optional().openapi({ description: '企业 id' }),
  ...DateRangeQuery.shape,
  sort: sortQuery(['signedAt', 'createdAt'], '-signedAt'),
});
