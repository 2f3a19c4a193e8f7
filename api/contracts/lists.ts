import { z } from '@hono/zod-openapi';

// Paging, sorting and date-range parameters of list requests, and the shape of a list response.

export const PaginationQuery = z.object({
  page: z.coerce.number().int().min(1, '页码从 1 开始').default(1).openapi({ example: 1 }),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(200, '每页最多 200 条')
    .default(20)
    .openapi({ example: 20 }),
});

/** `sort=field` ascending or `sort=-field` descending, among the given fields. */
export function sortQuery<const F extends string>(
  fields: readonly [F, ...F[]],
  fallback: `${'' | '-'}${F}`,
) {
  const pattern = new RegExp(`^-?(${fields.join('|')})$`);
  return z
    .string()
    .regex(pattern, `排序字段应为：${fields.join('、')}（前加 - 表示倒序）`)
    .default(fallback)
    .openapi({ example: fallback, description: `可选：${fields.join(', ')}；前加 - 倒序` });
}

const localDate = z.iso.date('日期格式应为 YYYY-MM-DD');

/** `from`/`to`: Asia/Shanghai calendar dates, both included. */
export const DateRangeQuery = z.object({
  from: localDate.optional().openapi({ example: '2027-07-01' }),
  to: localDate.optional().openapi({ example: '2027-07-31' }),
});

export const dateRangeOrdered = (query: { from?: string; to?: string }) =>
  !query.from || !query.to || query.from <= query.to;
export const dateRangeOrderMessage = {
  message: '起始日期不能晚于截止日期',
  path: ['to'],
};

export function listOf<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      items: z.array(item),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
    })
    .openapi(name);
}
