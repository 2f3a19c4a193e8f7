import type { z } from '@hono/zod-openapi';
import { RISK_REPORT_KINDS } from '../../../domain/labels.js';
import type { Prisma } from '../../../prisma/generated/client.js';
import type { AppDeps, AuthUser } from '../../lib/context.js';
import { toShanghaiIso } from '../../lib/format.js';
import { CreateRiskReportSchema, type RiskReportListQuery } from '../../contracts/risk-reports.js';
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

type RiskReportRow = Prisma.RiskReportGetPayload<{ include: typeof recordInclude }>;

function riskReportKind(prisma: AppDeps['db']['prisma']): CorrectableKind<RiskReportRow> {
  return {
    entity: 'risk_report',
    what: '风险监测记录',
    find: (where) => prisma.riskReport.findFirst({ where, include: recordInclude }),
    update: (tx, where, data) => tx.riskReport.updateMany({ where, data: data }),
    reload: (tx, id) => tx.riskReport.findUniqueOrThrow({ where: { id }, include: recordInclude }),
  };
}

export async function findVisibleRiskReport(deps: AppDeps, user: AuthUser, input: { id: string }) {
  const { prisma } = deps.db;
  return visibleRecord(user, input.id, '风险信息/风险监测记录', (where) =>
    prisma.riskReport.findFirst({ where, include: recordInclude }),
  );
}

export async function listRiskReports(
  deps: AppDeps,
  user: AuthUser,
  query: z.output<typeof RiskReportListQuery>,
) {
  const filters: Prisma.RiskReportWhereInput[] = [
    ...recordListFilters(user, query),
    instantFilter('reportedAt', query),
  ];
  if (query.kind) filters.push({ kind: query.kind });
  const where: Prisma.RiskReportWhereInput = { AND: filters };
  return pageOfRecords(
    query,
    (args) => deps.db.prisma.riskReport.findMany({ where, include: recordInclude, ...args }),
    () => deps.db.prisma.riskReport.count({ where }),
    presentRiskReport,
  );
}

export async function createRiskReport(
  deps: AppDeps,
  user: AuthUser,
  input: z.output<typeof CreateRiskReportSchema>,
) {
  const { prisma } = deps.db;
  const { unitId } = await resolveRecordWrite(prisma, user, input);
  const { unitId: _requested, ...fields } = input;
  const created = await createAudited(deps, user, 'risk_report', unitId, (tx) =>
    tx.riskReport.create({
      data: { ...fields, unitId, createdById: user.id },
      include: recordInclude,
    }),
  );
  return presentRiskReport(created);
}

/** A correction (reason, version read), checked by the same rules as a new record. */
export async function correctRiskReport(deps: AppDeps, user: AuthUser, input: CorrectionInput) {
  const { prisma } = deps.db;
  const corrected = await correctRecord(
    deps,
    user,
    {
      ...riskReportKind(prisma),
      schema: CreateRiskReportSchema,
      asInput: (row) => ({
        campaignId: row.campaignId,
        categoryId: row.categoryId,
        kind: row.kind,
        enterpriseId: row.enterpriseId ?? undefined,
        reportedAt: row.reportedAt.toISOString(),
        title: row.title,
        description: row.description ?? undefined,
        batchesMonitored: row.batchesMonitored,
        problemsFound: row.problemsFound,
      }),
      check: async (values, before) => {
        await resolveRecordWrite(prisma, user, { ...values, unitId: before.unitId });
      },
    },
    input,
  );
  return presentRiskReport(corrected);
}

/** Voids the record: kept, out of the lists and the statistics table. */
export async function voidRiskReport(
  deps: AppDeps,
  user: AuthUser,
  input: { id: string; version: number; reason: string },
) {
  return presentRiskReport(await voidRecord(deps, user, riskReportKind(deps.db.prisma), input));
}

export function presentRiskReport(row: RiskReportRow) {
  return {
    ...presentRecordBase(row),
    kind: row.kind,
    kindName: RISK_REPORT_KINDS[row.kind],
    reportedAt: toShanghaiIso(row.reportedAt),
    title: row.title,
    description: row.description,
    batchesMonitored: row.batchesMonitored,
    problemsFound: row.problemsFound,
    ...presentRecordState(row),
  };
}
