import type { z } from '@hono/zod-openapi';
import { DomainError } from '../../../domain/errors.js';
import type { Prisma } from '../../../prisma/generated/client.js';
import { writeAudit } from '../../lib/audit.js';
import type { AppDeps, AuthUser } from '../../lib/context.js';
import { fieldError, notFoundError } from '../../lib/errors.js';
import { toShanghaiIso } from '../../lib/format.js';
import { instantRange, orderBy, page, skipTake } from '../../lib/list-query.js';
import { enterpriseReadScope } from '../../lib/scope.js';
import type {
  CreateSelfInspectionSchema,
  SelfInspectionListQuery,
} from '../../contracts/self-inspections.js';

/** Clock skew tolerated between a client and the server for "not in the future" checks. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * What an enterprise submits (self-inspections, commitments) is its own: the user must be bound
 * to an enterprise, the campaign must exist, and the record counts for the enterprise's unit.
 */
export async function submittingEnterprise(deps: AppDeps, user: AuthUser, campaignId: string) {
  if (user.role !== 'enterprise_user' || !user.enterpriseId) {
    throw new DomainError('FORBIDDEN', '仅已绑定企业的企业用户可提交');
  }
  const { prisma } = deps.db;
  const [enterprise, campaign] = await Promise.all([
    prisma.enterprise.findUnique({ where: { id: user.enterpriseId } }),
    prisma.campaign.findUnique({ where: { id: campaignId } }),
  ]);
  if (!enterprise) throw new DomainError('FORBIDDEN', '该企业账号绑定的企业不存在');
  if (!campaign) throw fieldError('campaignId', '专项行动不存在');
  return enterprise;
}

export function assertNotInFuture(deps: AppDeps, path: string, instant: Date, message: string) {
  if (instant.getTime() > deps.now().getTime() + CLOCK_SKEW_MS) throw fieldError(path, message);
}

const detail = { enterprise: true, unit: true } satisfies Prisma.SelfInspectionInclude;
type SelfInspectionRow = Prisma.SelfInspectionGetPayload<{ include: typeof detail }>;

interface Finding {
  problem: string;
  measure: string;
  done: boolean;
}

export async function listSelfInspections(
  deps: AppDeps,
  user: AuthUser,
  query: z.output<typeof SelfInspectionListQuery>,
) {
  const filters: Prisma.SelfInspectionWhereInput[] = [enterpriseReadScope(user)];
  if (query.campaign) filters.push({ campaignId: query.campaign });
  if (query.unit) filters.push({ unitId: query.unit });
  if (query.enterprise) filters.push({ enterpriseId: query.enterprise });
  if (query.openFindings !== undefined) {
    const open: Prisma.SelfInspectionWhereInput = {
      findings: { array_contains: [{ done: false }] },
    };
    filters.push(query.openFindings ? open : { NOT: open });
  }
  const range = instantRange(query.from, query.to);
  if (range) filters.push({ inspectedAt: range });
  const where: Prisma.SelfInspectionWhereInput = { AND: filters };
  const [rows, total] = await Promise.all([
    deps.db.prisma.selfInspection.findMany({
      where,
      include: detail,
      orderBy: [orderBy(query.sort), { id: 'asc' }],
      ...skipTake(query),
    }),
    deps.db.prisma.selfInspection.count({ where }),
  ]);
  return page(rows.map(presentSelfInspection), total, query);
}

export async function getSelfInspection(deps: AppDeps, user: AuthUser, input: { id: string }) {
  const row = await deps.db.prisma.selfInspection.findFirst({
    where: { AND: [{ id: input.id }, enterpriseReadScope(user)] },
    include: detail,
  });
  if (!row) throw notFoundError('企业自查记录');
  return presentSelfInspection(row);
}

export async function createSelfInspection(
  deps: AppDeps,
  user: AuthUser,
  input: z.output<typeof CreateSelfInspectionSchema>,
) {
  const enterprise = await submittingEnterprise(deps, user, input.campaignId);
  assertNotInFuture(deps, 'inspectedAt', input.inspectedAt, '自查时间不能晚于当前时间');
  return deps.db.prisma.$transaction(async (tx) => {
    const row = await tx.selfInspection.create({
      data: {
        campaignId: input.campaignId,
        enterpriseId: enterprise.id,
        unitId: enterprise.unitId,
        inspectedAt: input.inspectedAt,
        summary: input.summary,
        findings: input.findings,
        createdById: user.id,
      },
      include: detail,
    });
    const presented = presentSelfInspection(row);
    await writeAudit(tx, user, {
      action: 'create',
      entity: 'self_inspection',
      entityId: row.id,
      unitId: row.unitId,
      after: presented,
    });
    return presented;
  });
}

export function presentSelfInspection(row: SelfInspectionRow) {
  const findings = (Array.isArray(row.findings) ? row.findings : []) as unknown as Finding[];
  return {
    id: row.id,
    campaignId: row.campaignId,
    enterpriseId: row.enterpriseId,
    enterpriseName: row.enterprise.name,
    unitId: row.unitId,
    unitName: row.unit.name,
    inspectedAt: toShanghaiIso(row.inspectedAt),
    summary: row.summary,
    findings: findings.map(({ problem, measure, done }) => ({ problem, measure, done })),
    findingCount: findings.length,
    openFindingCount: findings.filter((f) => !f.done).length,
    createdById: row.createdById,
    createdAt: toShanghaiIso(row.createdAt),
  };
}
