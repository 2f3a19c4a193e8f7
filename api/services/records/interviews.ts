import type { z } from '@hono/zod-openapi';
import type { Prisma } from '../../../prisma/generated/client.js';
import type { AppDeps, AuthUser } from '../../lib/context.js';
import { fieldError } from '../../lib/errors.js';
import { toShanghaiIso } from '../../lib/format.js';
import { CreateInterviewSchema, type InterviewListQuery } from '../../contracts/interviews.js';
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

type InterviewRow = Prisma.InterviewGetPayload<{ include: typeof recordInclude }>;

function interviewKind(prisma: AppDeps['db']['prisma']): CorrectableKind<InterviewRow> {
  return {
    entity: 'interview',
    what: '约谈记录',
    find: (where) => prisma.interview.findFirst({ where, include: recordInclude }),
    update: (tx, where, data) => tx.interview.updateMany({ where, data: data }),
    reload: (tx, id) => tx.interview.findUniqueOrThrow({ where: { id }, include: recordInclude }),
  };
}

export async function findVisibleInterview(deps: AppDeps, user: AuthUser, input: { id: string }) {
  const { prisma } = deps.db;
  return visibleRecord(user, input.id, '约谈记录', (where) =>
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
  await assertHazardOfEnterprise(prisma, input.hazardId, input.enterpriseId);
  const { unitId: _requested, ...fields } = input;
  const created = await createAudited(deps, user, 'interview', unitId, (tx) =>
    tx.interview.create({
      data: { ...fields, unitId, createdById: user.id },
      include: recordInclude,
    }),
  );
  return presentInterview(created);
}

/** A correction (reason, version read), checked by the same rules as a new record. */
export async function correctInterview(deps: AppDeps, user: AuthUser, input: CorrectionInput) {
  const { prisma } = deps.db;
  const corrected = await correctRecord(
    deps,
    user,
    {
      ...interviewKind(prisma),
      schema: CreateInterviewSchema,
      // `reason` is the correction's; the interview's own reason (约谈事由) comes as `interviewReason`.
      aliases: { interviewReason: 'reason' },
      asInput: (row) => ({
        campaignId: row.campaignId,
        categoryId: row.categoryId,
        enterpriseId: row.enterpriseId,
        interviewedAt: row.interviewedAt.toISOString(),
        reason: row.reason,
        hazardId: row.hazardId ?? undefined,
        note: row.note ?? undefined,
      }),
      check: async (values, before) => {
        await resolveRecordWrite(prisma, user, { ...values, unitId: before.unitId });
        await assertHazardOfEnterprise(prisma, values.hazardId, values.enterpriseId);
      },
    },
    input,
  );
  return presentInterview(corrected);
}

/** Voids the record: kept, out of the lists and the statistics table. */
export async function voidInterview(
  deps: AppDeps,
  user: AuthUser,
  input: { id: string; version: number; reason: string },
) {
  return presentInterview(await voidRecord(deps, user, interviewKind(deps.db.prisma), input));
}

async function assertHazardOfEnterprise(
  prisma: AppDeps['db']['prisma'],
  hazardId: string | undefined,
  enterpriseId: string,
) {
  if (!hazardId) return;
  const hazard = await prisma.hazard.findFirst({
    where: { id: hazardId, enterpriseId },
    select: { id: true },
  });
  if (!hazard) throw fieldError('hazardId', '隐患不存在或不属于该企业');
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
    ...presentRecordState(row),
  };
}
