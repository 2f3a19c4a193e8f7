import type { z } from '@hono/zod-openapi';
import { RISK_REPORT_KINDS } from '../../domain/labels.js';
import type { Prisma } from '../../prisma/generated/client.js';
import { writeAudit } from '../lib/audit.js';
import type { AppDeps, AuthUser } from '../lib/context.js';
import { notFoundError } from '../lib/errors.js';
import { toShanghaiIso } from '../lib/format.js';
import { page, skipTake } from '../lib/list-query.js';
import { unitReadScope } from '../lib/scope.js';
import type {
  CreateRiskReportSchema,
  RiskReportListQuery,
} from '../routes/risk-reports/risk-reports.schemas.js';
import {
  instantFilter,
  presentRecordBase,
  recordInclude,
  recordListFilters,
  recordOrderBy,
  resolveRecordWrite,
} from './record-references.js';

type RiskReportRow = Prisma.RiskReportGetPayload<{ include: typeof recordInclude }>;

export async function findVisibleRiskReport(
  prisma: AppDeps['db']['prisma'],
  user: AuthUser,
  id: string,
) {
  const row = await prisma.riskReport.findFirst({
    where: { id, ...unitReadScope(user) },
    include: recordInclude,
  });
  if (!row) throw notFoundError('风险信息/风险监测记录');
  return row;
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
  const [rows, total] = await Promise.all([
    deps.db.prisma.riskReport.findMany({
      where,
      include: recordInclude,
      orderBy: recordOrderBy(query.sort),
      ...skipTake(query),
    }),
    deps.db.prisma.riskReport.count({ where }),
  ]);
  return page(rows.map(presentRiskReport), total, query);
}

export async function createRiskReport(
  deps: AppDeps,
  user: AuthUser,
  input: z.output<typeof CreateRiskReportSchema>,
) {
  const { prisma } = deps.db;
  const unitId = await resolveRecordWrite(prisma, user, input);
  const { unitId: _requested, ...fields } = input;
  const created = await prisma.$transaction(async (tx) => {
    const row = await tx.riskReport.create({
      data: { ...fields, unitId, createdById: user.id },
      include: recordInclude,
    });
    await writeAudit(tx, user, {
      action: 'create',
      entity: 'risk_report',
      entityId: row.id,
      unitId,
      after: row,
    });
    return row;
  });
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
