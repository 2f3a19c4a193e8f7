import type { z } from '@hono/zod-openapi';
import type { Prisma } from '../../../prisma/generated/client.js';
import { writeAudit } from '../../lib/audit.js';
import type { AppDeps, AuthUser } from '../../lib/context.js';
import { notFoundError } from '../../lib/errors.js';
import { toShanghaiIso } from '../../lib/format.js';
import { instantRange, orderBy, page, skipTake } from '../../lib/list-query.js';
import { enterpriseReadScope } from '../../lib/scope.js';
import type { CommitmentListQuery, CreateCommitmentSchema } from '../../contracts/commitments.js';
import { assertNotInFuture, submittingEnterprise } from './self-inspections.js';

const detail = { enterprise: true, unit: true } satisfies Prisma.CommitmentInclude;
type CommitmentRow = Prisma.CommitmentGetPayload<{ include: typeof detail }>;

export async function listCommitments(
  deps: AppDeps,
  user: AuthUser,
  query: z.output<typeof CommitmentListQuery>,
) {
  const filters: Prisma.CommitmentWhereInput[] = [enterpriseReadScope(user)];
  if (query.campaign) filters.push({ campaignId: query.campaign });
  if (query.unit) filters.push({ unitId: query.unit });
  if (query.enterprise) filters.push({ enterpriseId: query.enterprise });
  const range = instantRange(query.from, query.to);
  if (range) filters.push({ signedAt: range });
  const where: Prisma.CommitmentWhereInput = { AND: filters };
  const [rows, total] = await Promise.all([
    deps.db.prisma.commitment.findMany({
      where,
      include: detail,
      orderBy: [orderBy(query.sort), { id: 'asc' }],
      ...skipTake(query),
    }),
    deps.db.prisma.commitment.count({ where }),
  ]);
  return page(rows.map(presentCommitment), total, query);
}

export async function getCommitment(deps: AppDeps, user: AuthUser, input: { id: string }) {
  const row = await deps.db.prisma.commitment.findFirst({
    where: { AND: [{ id: input.id }, enterpriseReadScope(user)] },
    include: detail,
  });
  if (!row) throw notFoundError('企业承诺');
  return presentCommitment(row);
}

export async function createCommitment(
  deps: AppDeps,
  user: AuthUser,
  input: z.output<typeof CreateCommitmentSchema>,
) {
  const enterprise = await submittingEnterprise(deps, user, input.campaignId);
  assertNotInFuture(deps, 'signedAt', input.signedAt, '签署时间不能晚于当前时间');
  return deps.db.prisma.$transaction(async (tx) => {
    const row = await tx.commitment.create({
      data: {
        campaignId: input.campaignId,
        enterpriseId: enterprise.id,
        unitId: enterprise.unitId,
        text: input.text,
        signedBy: input.signedBy,
        signedAt: input.signedAt,
        createdById: user.id,
      },
      include: detail,
    });
    const presented = presentCommitment(row);
    await writeAudit(tx, user, {
      action: 'create',
      entity: 'commitment',
      entityId: row.id,
      unitId: row.unitId,
      after: presented,
    });
    return presented;
  });
}

export function presentCommitment(row: CommitmentRow) {
  return {
    id: row.id,
    campaignId: row.campaignId,
    enterpriseId: row.enterpriseId,
    enterpriseName: row.enterprise.name,
    unitId: row.unitId,
    unitName: row.unit.name,
    text: row.text,
    signedBy: row.signedBy,
    signedAt: toShanghaiIso(row.signedAt),
    createdById: row.createdById,
    createdAt: toShanghaiIso(row.createdAt),
  };
}
