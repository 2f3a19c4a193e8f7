import { z } from '@hono/zod-openapi';
import { Instant } from './common.js';

export const UnitSchema = z
  .object({
    id: z.string(),
    code: z.string().openapi({ example: 'pudong' }),
    name: z.string().openapi({ example: '浦东新区市场监督管理局' }),
    shortName: z.string().openapi({ example: '浦东新区' }),
    kind: z.enum(['city_division', 'district', 'special_zone']),
    kindName: z.string().openapi({ example: '区市场监督管理局' }),
    implementing: z.boolean().openapi({ description: '是否实施单位（市局业务处室为组织单位）' }),
    order: z.number().int(),
    listedSupervision: z.boolean().openapi({ description: '是否被市局挂牌督办' }),
    createdAt: Instant,
  })
  .openapi('Unit');

export const UnitListSchema = z.object({ items: z.array(UnitSchema) }).openapi('UnitList');

export const ListedSupervisionSchema = z
  .object({
    listed: z.boolean({ error: 'listed 应为 true 或 false' }),
    reason: z.string().trim().min(1, '请说明挂牌督办或解除的理由').max(500),
  })
  .strict()
  .openapi('ListedSupervision');
