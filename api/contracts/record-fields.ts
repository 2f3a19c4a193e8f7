import { z } from '@hono/zod-openapi';
import { Id, Instant } from './common.js';
import { DateRangeQuery } from './lists.js';

// The fields every officer-recorded campaign record (spot checks, cases, assistance, interviews,
// risk reports) shares in its requests and responses.

/** The output fields every record shows. */
export const recordBaseFields = {
  id: z.string(),
  campaignId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  enterpriseId: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  enterpriseCreditCode: z.string().nullable(),
  categoryId: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  createdById: z.string(),
  createdAt: Instant,
};

/** The reference fields of a create request. */
export const recordInputFields = {
  campaignId: Id.openapi({ description: '专项行动 id' }),
  unitId: Id.optional().openapi({
    description: '仅市局管理员可指定（默认市局产品质量安全监督管理处）；实施单位人员默认本单位',
  }),
  categoryId: Id.openapi({ description: '该专项行动的产品类别 id' }),
};

/** Filters every record list takes; `from`/`to` apply to the record's main instant. */
export const recordListQueryFields = {
  unit: Id.optional().openapi({ description: '实施单位 id' }),
  category: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .openapi({ description: '产品类别 id 或代码（如 gas_appliances）' }),
  enterprise: Id.optional().openapi({ description: '企业 id' }),
  campaign: Id.optional().openapi({ description: '专项行动 id' }),
  ...DateRangeQuery.shape,
};
