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

/** One 挂牌督办 of a unit: open while `liftedAt` is null. */
export const ListingSchema = z
  .object({
    id: z.string(),
    reason: z.string(),
    items: z.array(z.string()).openapi({ description: '督办事项，每项一行' }),
    deadlineDate: z.string().nullable().openapi({ description: '督办期限（日期，北京时间）' }),
    openedAt: Instant,
    openedById: z.string(),
    liftedAt: Instant.nullable(),
    liftedById: z.string().nullable(),
    liftReason: z.string().nullable(),
  })
  .openapi('ListedSupervisionRecord');

export const UnitDetailSchema = UnitSchema.extend({
  listing: ListingSchema.nullable().openapi({ description: '当前挂牌督办（未挂牌为 null）' }),
  listings: z
    .array(ListingSchema)
    .openapi({ description: '本单位历次挂牌督办，最近的在前（市局人员及本单位人员可见）' }),
}).openapi('UnitDetail');

const CalendarDate = z.iso.date({ error: '日期应为 YYYY-MM-DD' });

export const ListedSupervisionSchema = z
  .object({
    listed: z.boolean({ error: 'listed 应为 true 或 false' }),
    reason: z
      .string({ error: '请说明挂牌督办或解除的理由' })
      .trim()
      .min(1, '请说明挂牌督办或解除的理由')
      .max(500, '理由最多 500 个字符'),
    items: z
      .array(z.string().trim().min(1, '督办事项不能为空').max(200, '每项督办事项最多 200 个字符'), {
        error: '督办事项应为文字列表',
      })
      .max(20, '督办事项最多 20 项')
      .optional()
      .openapi({
        description: '督办事项（挂牌时），每项一条',
        example: ['燃气用品隐患 30 日内清零'],
      }),
    deadline: CalendarDate.optional().openapi({
      description: '督办期限（挂牌时），北京时间日期，不早于今天',
      example: '2027-09-30',
    }),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.listed && (v.items !== undefined || v.deadline !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [v.items !== undefined ? 'items' : 'deadline'],
        message: '解除挂牌时只需说明理由',
      });
    }
  })
  .openapi('ListedSupervision');
