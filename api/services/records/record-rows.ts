import type { AppDeps, AuthUser } from '../../lib/context.js';
import type { Prisma } from '../../../prisma/generated/client.js';
import { writeAudit } from '../../lib/audit.js';
import { notFoundError } from '../../lib/errors.js';
import { toShanghaiIso } from '../../lib/format.js';
import { instantRange, page, skipTake } from '../../lib/list-query.js';
import { unitReadScope } from '../../lib/scope.js';

// Shared by the officer-recorded campaign records (spot checks, cases, assistance, interviews,
// risk reports): the fields every one of them shows, how lists of them are filtered, sorted and
// paged, and how one is created with its audit entry.

/** Relations every record shows by name. */
export const recordInclude = {
  unit: { select: { name: true } },
  enterprise: { select: { name: true, creditCode: true } },
  category: { select: { code: true, name: true } },
} as const;

interface RecordRow {
  id: string;
  campaignId: string;
  unitId: string;
  unit: { name: string };
  enterpriseId: string | null;
  enterprise: { name: string; creditCode: string } | null;
  categoryId: string;
  category: { code: string; name: string };
  createdById: string;
  createdAt: Date;
}

export function presentRecordBase(row: RecordRow) {
  return {
    id: row.id,
    campaignId: row.campaignId,
    unitId: row.unitId,
    unitName: row.unit.name,
    enterpriseId: row.enterpriseId,
    enterpriseName: row.enterprise?.name ?? null,
    enterpriseCreditCode: row.enterprise?.creditCode ?? null,
    categoryId: row.categoryId,
    categoryCode: row.category.code,
    categoryName: row.category.name,
    createdById: row.createdById,
    createdAt: toShanghaiIso(row.createdAt),
  };
}

interface RecordListQuery {
  unit?: string;
  category?: string;
  enterprise?: string;
  campaign?: string;
}

type CommonFilter =
  | { unitId?: string }
  | { campaignId: string }
  | { enterpriseId: string }
  | { OR: [{ categoryId: string }, { category: { code: string } }] };

/** Read scope (enterprise users: 403) and the common filters, as `AND` members. */
export function recordListFilters(user: AuthUser, query: RecordListQuery): CommonFilter[] {
  const filters: CommonFilter[] = [unitReadScope(user)];
  if (query.unit) filters.push({ unitId: query.unit });
  if (query.campaign) filters.push({ campaignId: query.campaign });
  if (query.enterprise) filters.push({ enterpriseId: query.enterprise });
  if (query.category) {
    filters.push({ OR: [{ categoryId: query.category }, { category: { code: query.category } }] });
  }
  return filters;
}

/** `{ [field]: range }` for the from/to dates, or nothing. */
export function instantFilter<F extends string>(
  field: F,
  query: { from?: string; to?: string },
): Partial<Record<F, { gte?: Date; lt?: Date }>> {
  const range = instantRange(query.from, query.to);
  return range ? ({ [field]: range } as Record<F, { gte?: Date; lt?: Date }>) : {};
}

/** Sort by the chosen field, then by id so that pages never overlap. */
export function recordOrderBy(sort: string) {
  const desc = sort.startsWith('-');
  const field = desc ? sort.slice(1) : sort;
  return [{ [field]: desc ? 'desc' : 'asc' }, { id: 'asc' }] as { [key: string]: 'asc' | 'desc' }[];
}

/** Creates a record and its audit entry in one transaction ("create" by the user, for the unit). */
export function createAudited<Row extends { id: string }>(
  deps: AppDeps,
  user: AuthUser,
  entity: string,
  unitId: string,
  create: (tx: Prisma.TransactionClient) => Promise<Row>,
): Promise<Row> {
  return deps.db.prisma.$transaction(async (tx) => {
    const row = await create(tx);
    await writeAudit(tx, user, { action: 'create', entity, entityId: row.id, unitId, after: row });
    return row;
  });
}

/** One page of records and the total, in the list's sort order, presented. */
export async function pageOfRecords<Row, Out>(
  query: { page: number; pageSize: number; sort: string },
  load: (args: {
    orderBy: ReturnType<typeof recordOrderBy>;
    skip: number;
    take: number;
  }) => Promise<Row[]>,
  count: () => Promise<number>,
  present: (row: Row) => Out,
) {
  const [rows, total] = await Promise.all([
    load({ orderBy: recordOrderBy(query.sort), ...skipTake(query) }),
    count(),
  ]);
  return page(rows.map(present), total, query);
}

/** The record if it exists within the user's read scope; 404 naming what it is otherwise. */
export async function visibleRecord<Row>(
  user: AuthUser,
  id: string,
  what: string,
  find: (where: { id: string; unitId?: string }) => Promise<Row | null>,
): Promise<Row> {
  const row = await find({ id, ...unitReadScope(user) });
  if (!row) throw notFoundError(what);
  return row;
}
