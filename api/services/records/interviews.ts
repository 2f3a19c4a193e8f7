import type { z } from '@hono/zod-openapi';
import type { Prisma } from '../../../prisma/generated/client.js';
import type { AppDeps, AuthUser } from '../../lib/context.js';
import { fieldError } from '../../lib/errors.js';
import { toShanghaiIso } from '../../lib/format.js';
import type { CreateInterviewSchema, InterviewListQuery } from '../../contracts/interviews.js';
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

type InterviewRow = Prisma.InterviewGetPayload<{ include: typeof recordInclude }>;

export async function findVisibleInterview(
  prisma: AppDeps['db']['prisma'],
  user: AuthUser,
  id: string,
) {
  return visibleRecord(user, id, '约谈记录', (where) =>
    prisma.interview.findFirst({ where, include: recordInclude }),
  );
}

export async function listInterviews(
  deps: AppDeps,
  user: AuthUser,
  query: z.output<typeof InterviewListQuery>,
) {
  const filters: Prisma.InterviewWhereInput[] = [
    ...recordListFilters(user, query),
    instantFilter('interviewedAt', query),
  ];
  if (query.hazard) filters.push({ hazardId: query.hazard });
  const where: Prisma.InterviewWhereInput = { AND: filters };
  return pageOfRecords(
    query,
    (args) => deps.db.prisma.interview.findMany({ where, include: recordInclude, ...args }),
    () => deps.db.prisma.interview.count({ where }),
    presentInterview,
  );
}

export async function createInterview(
  deps: AppDeps,
  user: AuthUser,
  input: z.output<typeof CreateInterviewSchema>,
) {
  const { prisma } = deps.db;
  const { unitId } = await resolveRecordWrite(prisma, user, input);
  if (input.hazardId) {
    const hazard = await prisma.hazard.findFirst({
      where: { id: input.hazardId, enterpriseId: input.enterpriseId },
      select: { id: true },
    });
    if (!hazard) throw fieldError('hazardId', '隐患不存在或不属于该企业');
  }
  const { unitId: _requested, ...fields } = input;
  const created = await createAudited(deps, user, 'interview', unitId, (tx) =>
    tx.interview.create({
      data: { ...fields, unitId, createdById: user.id },
      include: recordInclude,
    }),
  );
  return presentInterview(created);
}

export function presentInterview(row: InterviewRow) {
  return {
    ...presentRecordBase(row),
    enterpriseId: row.enterpriseId,
    enterpriseName: row.enterprise.name,
    enterpriseCreditCode: row.enterprise.creditCode,
    interviewedAt: toShanghaiIso(row.interviewedAt),
    reason: row.reason,
    hazardId: row.hazardId,
    note: row.note,
  };
}
