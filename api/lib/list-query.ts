import { endOfShanghaiDay, startOfShanghaiDay } from '../../domain/calendar/shanghai-time.js';

export function orderBy(sort: string): Record<string, 'asc' | 'desc'> {
  return sort.startsWith('-') ? { [sort.slice(1)]: 'desc' } : { [sort]: 'asc' };
}

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
