import type { z } from '@hono/zod-openapi';
import { ASSISTANCE_KINDS } from '../../domain/labels.js';
import type { Prisma } from '../../prisma/generated/client.js';
import { writeAudit } from '../lib/audit.js';
import type { AppDeps, AuthUser } from '../lib/context.js';
import { notFoundError } from '../lib/errors.js';
import { toShanghaiIso } from '../lib/format.js';
import { page, skipTake } from '../lib/list-query.js';
import { unitReadScope } from '../lib/scope.js';
import type {
  AssistanceListQuery,
  CreateAssistanceSchema,
} from '../routes/assistance/assistance.schemas.js';
import {
  instantFilter,
  presentRecordBase,
  recordInclude,
  recordListFilters,
  recordOrderBy,
  resolveRecordWrite,
} from './record-references.js';

type AssistanceRow = Prisma.AssistanceGetPayload<{ include: typeof recordInclude }>;

export async function findVisibleAssistance(
  prisma: AppDeps['db']['prisma'],
  user: AuthUser,
  id: string,
) {
  const row = await prisma.assistance.findFirst({
    where: { id, ...unitReadScope(user) },
    include: recordInclude,
  });
  if (!row) throw notFoundError('质量技术帮扶记录');
  return row;
}

export async function listAssistance(
  deps: AppDeps,
  user: AuthUser,
  query: z.output<typeof AssistanceListQuery>,
) {
  const filters: Prisma.AssistanceWhereInput[] = [
    ...recordListFilters(user, query),
    instantFilter('assistedAt', query),
  ];
  if (query.kind) filters.push({ kind: query.kind });
  const where: Prisma.AssistanceWhereInput = { AND: filters };
  const [rows, total] = await Promise.all([
    deps.db.prisma.assistance.findMany({
      where,
      include: recordInclude,
      orderBy: recordOrderBy(query.sort),
      ...skipTake(query),
    }),
    deps.db.prisma.assistance.count({ where }),
  ]);
  return page(rows.map(presentAssistance), total, query);
}

export async function createAssistance(
  deps: AppDeps,
  user: AuthUser,
  input: z.output<typeof CreateAssistanceSchema>,
) {
  const { prisma } = deps.db;
  const unitId = await resolveRecordWrite(prisma, user, input);
  const { unitId: _requested, ...fields } = input;
  const created = await prisma.$transaction(async (tx) => {
    const row = await tx.assistance.create({
      data: { ...fields, unitId, createdById: user.id },
      include: recordInclude,
    });
    await writeAudit(tx, user, {
      action: 'create',
      entity: 'assistance',
      entityId: row.id,
      unitId,
      after: row,
    });
    return row;
  });
  return presentAssistance(created);
}

export function presentAssistance(row: AssistanceRow) {
  return {
    ...presentRecordBase(row),
    enterpriseId: row.enterpriseId,
    enterpriseName: row.enterprise.name,
    enterpriseCreditCode: row.enterprise.creditCode,
    kind: row.kind,
    kindName: ASSISTANCE_KINDS[row.kind],
    assistedAt: toShanghaiIso(row.assistedAt),
    problemsSolved: row.problemsSolved,
    outputValueRaised: row.outputValueRaised.toFixed(2),
    note: row.note,
  };
}
