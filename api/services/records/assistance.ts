import type { z } from '@hono/zod-openapi';
import { ASSISTANCE_KINDS } from '../../../domain/labels.js';
import type { Prisma } from '../../../prisma/generated/client.js';
import type { AppDeps, AuthUser } from '../../lib/context.js';
import { toShanghaiIso } from '../../lib/format.js';
import { type AssistanceListQuery, CreateAssistanceSchema } from '../../contracts/assistance.js';
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

type AssistanceRow = Prisma.AssistanceGetPayload<{ include: typeof recordInclude }>;

function assistanceKind(prisma: AppDeps['db']['prisma']): CorrectableKind<AssistanceRow> {
  return {
    entity: 'assistance',
    what: '质量技术帮扶记录',
    find: (where) => prisma.assistance.findFirst({ where, include: recordInclude }),
    update: (tx, where, data) => tx.assistance.updateMany({ where, data: data }),
    reload: (tx, id) => tx.assistance.findUniqueOrThrow({ where: { id }, include: recordInclude }),
  };
}

export async function findVisibleAssistance(deps: AppDeps, user: AuthUser, input: { id: string }) {
  const { prisma } = deps.db;
  return visibleRecord(user, input.id, '质量技术帮扶记录', (where) =>
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

/** A correction (reason, version read), checked by the same rules as a new record. */
export async function correctAssistance(deps: AppDeps, user: AuthUser, input: CorrectionInput) {
  const { prisma } = deps.db;
  const corrected = await correctRecord(
    deps,
    user,
    {
      ...assistanceKind(prisma),
      schema: CreateAssistanceSchema,
      asInput: (row) => ({
        campaignId: row.campaignId,
        categoryId: row.categoryId,
        kind: row.kind,
        enterpriseId: row.enterpriseId,
        assistedAt: row.assistedAt.toISOString(),
        problemsSolved: row.problemsSolved,
        outputValueRaised: row.outputValueRaised.toFixed(2),
        note: row.note ?? undefined,
      }),
      check: async (values, before) => {
        await resolveRecordWrite(prisma, user, { ...values, unitId: before.unitId });
      },
    },
    input,
  );
  return presentAssistance(corrected);
}

/** Voids the record: kept, out of the lists and the statistics table. */
export async function voidAssistance(
  deps: AppDeps,
  user: AuthUser,
  input: { id: string; version: number; reason: string },
) {
  return presentAssistance(await voidRecord(deps, user, assistanceKind(deps.db.prisma), input));
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
    ...presentRecordState(row),
  };
}
