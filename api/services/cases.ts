import type { z } from '@hono/zod-openapi';
import { DomainError } from '../../domain/errors.js';
import type { Prisma } from '../../prisma/generated/client.js';
import { writeAudit } from '../lib/audit.js';
import type { AppDeps, AuthUser } from '../lib/context.js';
import { notFoundError, staleVersionError } from '../lib/errors.js';
import { toShanghaiIso } from '../lib/format.js';
import { page, skipTake } from '../lib/list-query.js';
import { assertCanWriteUnit, unitReadScope } from '../lib/scope.js';
import {
  caseRuleIssues,
  type CaseListQuery,
  type CreateCaseSchema,
  type UpdateCaseSchema,
} from '../routes/cases/cases.schemas.js';
import {
  instantFilter,
  presentRecordBase,
  recordInclude,
  recordListFilters,
  recordOrderBy,
  resolveRecordWrite,
} from './record-references.js';

type CaseRow = Prisma.EnforcementCaseGetPayload<{ include: typeof recordInclude }>;

export async function findVisibleCase(prisma: AppDeps['db']['prisma'], user: AuthUser, id: string) {
  const row = await prisma.enforcementCase.findFirst({
    where: { id, ...unitReadScope(user) },
    include: recordInclude,
  });
  if (!row) throw notFoundError('案件');
  return row;
}

export async function listCases(
  deps: AppDeps,
  user: AuthUser,
  query: z.output<typeof CaseListQuery>,
) {
  const filters: Prisma.EnforcementCaseWhereInput[] = [
    ...recordListFilters(user, query),
    instantFilter('filedAt', query),
  ];
  if (query.typical !== undefined) filters.push({ isTypical: query.typical });
  if (query.transferred !== undefined) {
    filters.push({ transferredAt: query.transferred ? { not: null } : null });
  }
  if (query.exposed !== undefined) {
    filters.push({ exposedAt: query.exposed ? { not: null } : null });
  }
  const where: Prisma.EnforcementCaseWhereInput = { AND: filters };
  const [rows, total] = await Promise.all([
    deps.db.prisma.enforcementCase.findMany({
      where,
      include: recordInclude,
      orderBy: recordOrderBy(query.sort),
      ...skipTake(query),
    }),
    deps.db.prisma.enforcementCase.count({ where }),
  ]);
  return page(rows.map(presentCase), total, query);
}

export async function createCase(
  deps: AppDeps,
  user: AuthUser,
  input: z.output<typeof CreateCaseSchema>,
) {
  const { prisma } = deps.db;
  const unitId = await resolveRecordWrite(prisma, user, input);
  const { unitId: _requested, ...fields } = input;
  const created = await prisma.$transaction(async (tx) => {
    const row = await tx.enforcementCase.create({
      data: { ...fields, unitId, createdById: user.id },
      include: recordInclude,
    });
    await writeAudit(tx, user, {
      action: 'create',
      entity: 'enforcement_case',
      entityId: row.id,
      unitId,
      after: row,
    });
    return row;
  });
  return presentCase(created);
}

/** Progress of a case: checked against the stored case, written only at the version read. */
export async function updateCase(
  deps: AppDeps,
  user: AuthUser,
  id: string,
  input: z.output<typeof UpdateCaseSchema>,
) {
  const { prisma } = deps.db;
  const before = await findVisibleCase(prisma, user, id);
  assertCanWriteUnit(user, before.unitId);
  const { version, ...changes } = input;
  // Zod leaves out the fields not sent, so the spread keeps the stored value for those.
  const issues = caseRuleIssues({
    ...before,
    ...changes,
    finesPositive:
      changes.fines === undefined ? before.fines.greaterThan(0) : Number(changes.fines) > 0,
  });
  if (issues.length > 0) throw new DomainError('VALIDATION_FAILED', '请求参数校验失败', issues);

  const updated = await prisma.$transaction(async (tx) => {
    const { count } = await tx.enforcementCase.updateMany({
      where: { id, version },
      data: { ...changes, version: { increment: 1 } },
    });
    if (count === 0) throw staleVersionError();
    const after = await tx.enforcementCase.findUniqueOrThrow({
      where: { id },
      include: recordInclude,
    });
    await writeAudit(tx, user, {
      action: 'update',
      entity: 'enforcement_case',
      entityId: id,
      unitId: after.unitId,
      before,
      after,
    });
    return after;
  });
  return presentCase(updated);
}

const instantOrNull = (value: Date | null) => (value ? toShanghaiIso(value) : null);

export function presentCase(row: CaseRow) {
  return {
    ...presentRecordBase(row),
    title: row.title,
    filedAt: toShanghaiIso(row.filedAt),
    penaltyDecidedAt: instantOrNull(row.penaltyDecidedAt),
    fines: row.fines.toFixed(2),
    caseValue: row.caseValue.toFixed(2),
    transferredAt: instantOrNull(row.transferredAt),
    transferred: row.transferredAt !== null,
    exposedAt: instantOrNull(row.exposedAt),
    exposed: row.exposedAt !== null,
    creditPublicity: row.creditPublicity,
    isTypical: row.isTypical,
    typicalContent: row.typicalContent,
    typicalProgress: row.typicalProgress,
    typicalReportedAt: instantOrNull(row.typicalReportedAt),
    version: row.version,
    updatedAt: toShanghaiIso(row.updatedAt),
  };
}
