import { z } from '@hono/zod-openapi';
import { Id, Instant, VersionInput } from './common.js';
import { DateRangeQuery } from './lists.js';

// The fields every officer-recorded campaign record (spot checks, cases, assistance, interviews,
// risk reports) shares in its requests and responses.

/** What a record shows about its corrections and its void (a voided record keeps its row). */
export const recordStateFields = {
  version: z.number().int().openapi({ description: '版本号；更正或作废时须带上读取时的值' }),
  voided: z.boolean().openapi({ description: '已作废：不再计入列表和统计表' }),
  voidedAt: Instant.nullable(),
  voidReason: z.string().nullable(),
};

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
  ...recordStateFields,
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
  voided: z
    .enum(['true', 'false'], { error: '应为 true 或 false' })
    .transform((v) => v === 'true')
    .optional()
    .openapi({ description: 'true：仅已作废的记录；默认只列出有效记录' }),
};

const reasonText = (name: string) =>
  z
    .string({ error: `请填写${name}` })
    .trim()
    .min(1, `请填写${name}`)
    .max(500, `${name}不超过 500 字`);

/**
 * A correction request: the version read, the reason, and the fields to change (each as on the
 * create request, checked by the same rules once merged with the stored values; the campaign and
 * the unit cannot be corrected).
 */
export const correctionRequest = (name: string, description: string) =>
  z
    .object({ version: VersionInput, reason: reasonText('更正原因') })
    .loose()
    .openapi(name, {
      description: `${description}。其余字段同录入时的字段，仅传需要更正的字段；专项行动和实施单位不可更正`,
    });

export const VoidRecordSchema = z
  .object({ version: VersionInput, reason: reasonText('作废原因') })
  .strict()
  .openapi('VoidRecord', { description: '作废（不删除）：记录保留，标记作废并写入审计日志' });
