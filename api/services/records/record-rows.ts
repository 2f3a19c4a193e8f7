import type { AppDeps, AuthUser } from '../../lib/context.js';
import type { z } from '@hono/zod-openapi';
import type { Prisma } from '../../../prisma/generated/client.js';
import { writeAudit } from '../../lib/audit.js';
import { DomainError } from '../../../domain/errors.js';
import { fieldError, notFoundError, staleVersionError } from '../../lib/errors.js';
import { zodIssues } from '../../lib/validation.js';
import { assertCanWriteUnit } from '../../lib/scope.js';
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

/** Corrections and void, as every correctable record shows them. */
export function presentRecordState(row: {
  version: number;
  voidedAt: Date | null;
  voidReason: string | null;
}) {
  return {
    version: row.version,
    voided: row.voidedAt !== null,
    voidedAt: row.voidedAt ? toShanghaiIso(row.voidedAt) : null,
    voidReason: row.voidReason,
  };
}

interface RecordListQuery {
  voided?: boolean;
  unit?: string;
  category?: string;
  enterprise?: string;
  campaign?: string;
}

type CommonFilter =
  | { unitId?: string }
  | { voidedAt: null | { not: null } }
  | { campaignId: string }
  | { enterpriseId: string }
  | { OR: [{ categoryId: string }, { category: { code: string } }] };

/** Read scope (enterprise users: 403) and the common filters, as `AND` members. */
export function recordListFilters(user: AuthUser, query: RecordListQuery): CommonFilter[] {
  // Voided records drop out of the live lists; `voided=true` lists only them.
  const filters: CommonFilter[] = [
    unitReadScope(user),
    { voidedAt: query.voided ? { not: null } : null },
  ];
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

/** What correcting or voiding needs of the stored row. */
interface CorrectableRow {
  id: string;
  campaignId: string;
  unitId: string;
  version: number;
  voidedAt: Date | null;
}

/** How one kind of record is read and written at a version; the five services each give one. */
export interface CorrectableKind<Row extends CorrectableRow> {
  /** Audit entity name, e.g. "spot_check". */
  entity: string;
  /** What it is called in a 404 or 409 message, e.g. "监督抽查记录". */
  what: string;
  find: (where: { id: string; unitId?: string }) => Promise<Row | null>;
  /** Writes `data` only if the row is still at `version` and not voided; the count written. */
  update: (
    tx: Prisma.TransactionClient,
    where: { id: string; version: number; voidedAt: null },
    data: Record<string, unknown>,
  ) => Promise<{ count: number }>;
  reload: (tx: Prisma.TransactionClient, id: string) => Promise<Row>;
}

/** The stored record the user may change: visible (404 otherwise), of a unit they write for. */
async function writableRecord<Row extends CorrectableRow>(
  user: AuthUser,
  id: string,
  kind: CorrectableKind<Row>,
): Promise<Row> {
  const row = await visibleRecord(user, id, kind.what, kind.find);
  assertCanWriteUnit(user, row.unitId);
  if (row.voidedAt) throw new DomainError('CONFLICT', `${kind.what}已作废，不能再更正或作废`);
  return row;
}

/** Writes at the version read and audits before → after with the reason, in one transaction. */
async function writeAtVersion<Row extends CorrectableRow>(
  deps: AppDeps,
  user: AuthUser,
  kind: CorrectableKind<Row>,
  before: Row,
  change: { action: 'correct' | 'void'; version: number; reason: string },
  data: Record<string, unknown>,
): Promise<Row> {
  return deps.db.prisma.$transaction(async (tx) => {
    const { count } = await kind.update(
      tx,
      { id: before.id, version: change.version, voidedAt: null },
      { ...data, version: { increment: 1 } },
    );
    if (count === 0) throw staleVersionError();
    const after = await kind.reload(tx, before.id);
    await writeAudit(tx, user, {
      action: change.action,
      entity: kind.entity,
      entityId: before.id,
      unitId: before.unitId,
      reason: change.reason,
      before,
      after,
    });
    return after;
  });
}

export interface CorrectionInput {
  id: string;
  version: number;
  reason: string;
  [field: string]: unknown;
}

/**
 * Corrects a record: the changes are merged into the stored values (`asInput`: the row as its
 * create request) and the merge goes through the create contract and `check` (the create rules,
 * e.g. `resolveRecordWrite`), so a correction obeys exactly what a new record would. The campaign
 * and the unit stay; a stale version is 409 and writes nothing.
 */
export async function correctRecord<Row extends CorrectableRow, Parsed>(
  deps: AppDeps,
  user: AuthUser,
  kind: CorrectableKind<Row> & {
    schema: z.ZodType<Parsed>;
    asInput: (row: Row) => Record<string, unknown>;
    check?: (values: Parsed, before: Row) => Promise<void>;
    /** Request names of fields whose own name is taken (`{ interviewReason: 'reason' }`). */
    aliases?: Record<string, string>;
  },
  input: CorrectionInput,
): Promise<Row> {
  const { id, version, reason, ...requested } = input;
  const changes = Object.fromEntries(
    Object.entries(requested).map(([field, value]) => [kind.aliases?.[field] ?? field, value]),
  );
  const before = await writableRecord(user, id, kind);
  for (const fixed of ['campaignId', 'unitId'] as const) {
    if (fixed in changes && changes[fixed] !== before[fixed]) {
      throw fieldError(fixed, fixed === 'campaignId' ? '专项行动不可更正' : '实施单位不可更正');
    }
  }
  const merged = { ...kind.asInput(before), ...changes, campaignId: before.campaignId };
  const parsed = kind.schema.safeParse(merged);
  if (!parsed.success) {
    throw new DomainError('VALIDATION_FAILED', '请求参数校验失败', zodIssues(parsed.error));
  }
  await kind.check?.(parsed.data, before);
  const { campaignId: _campaign, unitId: _unit, ...data } = parsed.data as Record<string, unknown>;
  return writeAtVersion(deps, user, kind, before, { action: 'correct', version, reason }, data);
}

/** Voids a record (kept, never deleted) at the version read, audited with the reason. */
export async function voidRecord<Row extends CorrectableRow>(
  deps: AppDeps,
  user: AuthUser,
  kind: CorrectableKind<Row>,
  input: { id: string; version: number; reason: string },
): Promise<Row> {
  const before = await writableRecord(user, input.id, kind);
  return writeAtVersion(
    deps,
    user,
    kind,
    before,
    { action: 'void', version: input.version, reason: input.reason },
    { voidedAt: deps.now(), voidedById: user.id, voidReason: input.reason },
  );
}
