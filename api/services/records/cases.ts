import type { z } from '@hono/zod-openapi';
import { DomainError } from '../../../domain/errors.js';
import type { Prisma } from '../../../prisma/generated/client.js';
import { writeAudit } from '../../lib/audit.js';
import type { AppDeps, AuthUser } from '../../lib/context.js';
import { staleVersionError } from '../../lib/errors.js';
import { toShanghaiIso } from '../../lib/format.js';
import { assertCanWriteUnit } from '../../lib/scope.js';
import {
  caseRuleIssues,
  type CaseListQuery,
  CreateCaseSchema,
  type UpdateCaseSchema,
} from '../../contracts/cases.js';
import {
  type CorrectableKind,
  type CorrectionInput,
  correctRecord,
  presentRecordState,
  voidRecord,
  createAudited,
  instantFilter,
  pageOfRecords,
  visibleRecord,
  presentRecordBase,
  recordInclude,
  recordListFilters,
} from './record-rows.js';
import { resolveRecordWrite } from './references.js';

type CaseRow = Prisma.EnforcementCaseGetPayload<{ include: typeof recordInclude }>;

function caseKind(prisma: AppDeps['db']['prisma']): CorrectableKind<CaseRow> {
  return {
    entity: 'enforcement_case',
    what: '案件',
    find: (where) => prisma.enforcementCase.findFirst({ where, include: recordInclude }),
    update: (tx, where, data) =>
      tx.enforcementCase.updateMany({
        where,
        data: data,
      }),
    reload: (tx, id) =>
      tx.enforcementCase.findUniqueOrThrow({ where: { id }, include: recordInclude }),
  };
}

const isoOrUndefined = (value: Date | null) => value?.toISOString();

export async function findVisibleCase(deps: AppDeps, user: AuthUser, input: { id: string }) {
  const { prisma } = deps.db;
  return visibleRecord(user, input.id, '案件', (where) =>
    prisma.enforcementCase.findFirst({ where, include: recordInclude }),
  );
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
  return pageOfRecords(
    query,
    (args) => deps.db.prisma.enforcementCase.findMany({ where, include: recordInclude, ...args }),
    () => deps.db.prisma.enforcementCase.count({ where }),
    presentCase,
  );
}

export async function createCase(
  deps: AppDeps,
  user: AuthUser,
  input: z.output<typeof CreateCaseSchema>,
) {
  const { prisma } = deps.db;
  const { unitId } = await resolveRecordWrite(prisma, user, input);
  const { unitId: _requested, ...fields } = input;
  const created = await createAudited(deps, user, 'enforcement_case', unitId, (tx) =>
    tx.enforcementCase.create({
      data: { ...fields, unitId, createdById: user.id },
      include: recordInclude,
    }),
  );
  return presentCase(created);
}

/** Progress of a case: checked against the stored case, written only at the version read. */
export async function updateCase(
  deps: AppDeps,
  user: AuthUser,
  input: { id: string } & z.output<typeof UpdateCaseSchema>,
) {
  const { prisma } = deps.db;
  const before = await findVisibleCase(deps, user, input);
  assertCanWriteUnit(user, before.unitId);
  const { id, version, ...changes } = input;
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
      where: { id, version, voidedAt: null },
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

/**
 * A correction of any field as recorded (filing, category, enterprise too), with a reason; the
 * progress update above stays for the ledger's ordinary progress.
 */
export async function correctCase(deps: AppDeps, user: AuthUser, input: CorrectionInput) {
  const { prisma } = deps.db;
  const corrected = await correctRecord(
    deps,
    user,
    {
      ...caseKind(prisma),
      schema: CreateCaseSchema,
      asInput: (row) => ({
        campaignId: row.campaignId,
        categoryId: row.categoryId,
        title: row.title,
        enterpriseId: row.enterpriseId ?? undefined,
        filedAt: row.filedAt.toISOString(),
        penaltyDecidedAt: isoOrUndefined(row.penaltyDecidedAt),
        fines: row.fines.toFixed(2),
        caseValue: row.caseValue.toFixed(2),
        transferredAt: isoOrUndefined(row.transferredAt),
        exposedAt: isoOrUndefined(row.exposedAt),
        creditPublicity: row.creditPublicity,
        isTypical: row.isTypical,
        typicalContent: row.typicalContent ?? undefined,
        typicalProgress: row.typicalProgress ?? undefined,
        typicalReportedAt: isoOrUndefined(row.typicalReportedAt),
      }),
      check: async (values, before) => {
        await resolveRecordWrite(prisma, user, { ...values, unitId: before.unitId });
      },
    },
    input,
  );
  return presentCase(corrected);
}

/** Voids a case: kept, out of the lists, the statistics table and the typical-case ledger. */
export async function voidCase(
  deps: AppDeps,
  user: AuthUser,
  input: { id: string; version: number; reason: string },
) {
  return presentCase(await voidRecord(deps, user, caseKind(deps.db.prisma), input));
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
    updatedAt: toShanghaiIso(row.updatedAt),
    ...presentRecordState(row),
  };
}
