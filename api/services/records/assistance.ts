import type { z } from '@hono/zod-openapi';
import { ASSISTANCE_KINDS } from '../../../domain/labels.js';
import type { Prisma } from '../../../prisma/generated/client.js';
import type { AppDeps, AuthUser } from '../../lib/context.js';
import { toShanghaiIso } from '../../lib/format.js';
import type { AssistanceListQuery, CreateAssistanceSchema } from '../../contracts/assistance.js';
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

type AssistanceRow = Prisma.AssistanceGetPayload<{ include: typeof recordInclude }>;

export async function findVisibleAssistance(
  prisma: AppDeps['db']['prisma'],
  user: AuthUser,
  id: string,
) {
  return visibleRecord(user, id, '质量技术帮扶记录', (where) =>
    prisma.assistance.findFirst({ where, include: recordInclude }),
  );
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
  return pageOfRecords(
    query,
    (args) => deps.db.prisma.assistance.findMany({ where, include: recordInclude, ...args }),
    () => deps.db.prisma.assistance.count({ where }),
    presentAssistance,
  );
}

export async function createAssistance(
  deps: AppDeps,
  user: AuthUser,
  input: z.output<typeof CreateAssistanceSchema>,
) {
  const { prisma } = deps.db;
  const { unitId } = await resolveRecordWrite(prisma, user, input);
  const { unitId: _requested, ...fields } = input;
  const created = await createAudited(deps, user, 'assistance', unitId, (tx) =>
    tx.assistance.create({
      data: { ...fields, unitId, createdById: user.id },
      include: recordInclude,
    }),
  );
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
