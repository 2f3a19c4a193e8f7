import { z } from '@hono/zod-openapi';
import { CATEGORY_ORIGINS } from '../../domain/labels.js';
import { Id } from './common.js';

const origins = Object.keys(CATEGORY_ORIGINS) as [keyof typeof CATEGORY_ORIGINS];

const categoryName = z
  .string({ error: '类别名称应为字符串' })
  .trim()
  .min(1, '类别名称不能为空')
  .max(100, '类别名称最多 100 个字符');

const categoryOrder = z
  .number({ error: '排列顺序应为整数' })
  .int('排列顺序应为整数')
  .min(1, '排列顺序从 1 开始')
  .max(999, '排列顺序最大为 999')
  .openapi({ description: '统计表中的行序' });

/** Product names of a category, in order; each name once. */
const productNames = z
  .array(
    z
      .string({ error: '产品名称应为字符串' })
      .trim()
      .min(1, '产品名称不能为空')
      .max(100, '产品名称最多 100 个字符'),
    { error: '产品应为名称数组' },
  )
  .max(200, '每个类别最多 200 种产品')
  .superRefine((names, ctx) => {
    const seen = new Set<string>();
    names.forEach((name, index) => {
      if (seen.has(name)) {
        ctx.addIssue({ code: 'custom', path: [index], message: `产品名称重复：${name}` });
      }
      seen.add(name);
    });
  })
  .openapi({ example: ['家用燃气灶', '燃气泄漏报警器'] });

export const CreateProductCategorySchema = z
  .object({
    campaignId: Id,
    code: z
      .string({ error: '类别代码应为字符串' })
      .regex(
        /^[a-z][a-z0-9_]{0,59}$/,
        '类别代码应以小写字母开头，仅含小写字母、数字和下划线（最多 60 个字符）',
      )
      .openapi({ example: 'lithium_batteries' }),
    name: categoryName.openapi({ example: '锂离子电池' }),
    order: categoryOrder.optional().openapi({ description: '统计表中的行序；缺省排在最后' }),
    origin: z
      .enum(origins, { error: '来源应为 national（国家重点产品）或 shanghai（本市增加产品）' })
      .default('shanghai'),
    products: productNames,
  })
  .strict()
  .openapi('CreateProductCategory');

export const UpdateProductCategorySchema = z
  .object({
    name: categoryName.optional(),
    order: categoryOrder.optional(),
    products: productNames.optional().openapi({ description: '完整的产品清单（替换原清单）' }),
  })
  .strict()
  .refine((v) => v.name !== undefined || v.order !== undefined || v.products !== undefined, {
    message: '至少应修改名称、顺序或产品清单中的一项',
  })
  .openapi('UpdateProductCategory');

export const ProductCategorySchema = z
  .object({
    id: z.string(),
    campaignId: z.string().nullable(),
    templateCode: z
      .string()
      .nullable()
      .openapi({ description: '模板目录的代码；专项行动的类别为 null' }),
    code: z.string().openapi({ example: 'gas_appliances' }),
    name: z.string().openapi({ example: '燃气用品' }),
    order: z.number().int(),
    origin: z.string().openapi({ example: 'national' }),
    originName: z.string().openapi({ example: '国家重点产品' }),
    products: z.array(z.object({ id: z.string(), name: z.string(), order: z.number().int() })),
  })
  .openapi('ProductCategory');

export const ProductCategoryListSchema = z
  .object({ items: z.array(ProductCategorySchema) })
  .openapi('ProductCategoryList');

export const ProductCategoryListQuery = z.object({
  campaign: Id.optional().openapi({ description: '专项行动 id：该专项行动的产品类别' }),
  template: z
    .string()
    .max(64)
    .optional()
    .openapi({ description: '模板代码（不指定 campaign 时使用，缺省 shanghai-2023）' }),
});
