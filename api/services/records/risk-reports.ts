import type { z } from '@hono/zod-openapi';
import { RISK_REPORT_KINDS } from '../../../domain/labels.js';
import type { Prisma } from '../../../prisma/generated/client.js';
import type { AppDeps, AuthUser } from '../../lib/context.js';
import { toShanghaiIso } from '../../lib/format.js';
import type { CreateRiskReportSchema, RiskReportListQuery } from '../../contracts/risk-reports.js';
import {
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

export async function findVisibleRiskReport(
  prisma: AppDeps['db']['prisma'],
  user: AuthUser,
  id: string,
) {
  return visibleRecord(user, id, '风险信息/风险监测记录', (where) =>
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
  };
}
