import { z } from '@hono/zod-openapi';
import { endOfShanghaiDay, startOfShanghaiDay } from '../../domain/calendar/shanghai-time.js';

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

export function orderBy(sort: string): Record<string, 'asc' | 'desc'> {
  return sort.startsWith('-') ? { [sort.slice(1)]: 'desc' } : { [sort]: 'asc' };
}

const localDate = z.iso.date('日期格式应为 YYYY-MM-DD');

/** `from`/`to`: Asia/Shanghai calendar dates, both included. */
export const DateRangeQuery = z.object({
  from: localDate.optional().openapi({ example: '2027-07-01' }),
  to: localDate.optional().openapi({ example: '2027-07-31' }),
});

/** Prisma filter for an instant column within the from/to dates (China time, both ends included). */
export function instantRange(from?: string, to?: string): { gte?: Date; lt?: Date } | undefined {
  if (!from && !to) return undefined;
  return {
    ...(from ? { gte: startOfShanghaiDay(from) } : {}),
    ...(to ? { lt: endOfShanghaiDay(to) } : {}),
  };
}

export function page<T>(items: T[], total: number, query: { page: number; pageSize: number }) {
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export const skipTake = (query: { page: number; pageSize: number }) => ({
  skip: (query.page - 1) * query.pageSize,
  take: query.pageSize,
});

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
