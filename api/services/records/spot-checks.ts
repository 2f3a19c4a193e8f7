import type { z } from '@hono/zod-openapi';
import { DomainError } from '../../../domain/errors.js';
import { SPOT_CHECK_LEVELS, SPOT_CHECK_RESULTS } from '../../../domain/labels.js';
import type { Prisma } from '../../../prisma/generated/client.js';
import type { AppDeps, AuthUser } from '../../lib/context.js';
import { followSpotCheck } from '../timeline/notify-workflows.js';
import { toShanghaiIso } from '../../lib/format.js';
import type { SpotCheckListQuery } from '../../contracts/spot-checks.js';
import { CreateSpotCheckSchema as CreateSpotCheckSchema } from '../../contracts/spot-checks.js';
import {
  type CorrectableKind,
  type CorrectionInput,
  correctRecord,
  presentRecordState,
  voidRecord,
  createAudited,
  instantFilter,
  pageOfRecords,
  presentRecordBase,
  recordInclude,
  recordListFilters,
  visibleRecord,
} from './record-rows.js';
import { resolveRecordWrite } from './references.js';

type SpotCheckRow = Prisma.SpotCheckGetPayload<{ include: typeof recordInclude }>;

function spotCheckKind(prisma: AppDeps['db']['prisma']): CorrectableKind<SpotCheckRow> {
  return {
    entity: 'spot_check',
    what: '监督抽查记录',
    find: (where) => prisma.spotCheck.findFirst({ where, include: recordInclude }),
    update: (tx, where, data) => tx.spotCheck.updateMany({ where, data: data }),
    reload: (tx, id) => tx.spotCheck.findUniqueOrThrow({ where: { id }, include: recordInclude }),
  };
}

/** Only the city bureau records (and so corrects to) a city-level spot check. */
function assertMayRecordLevel(user: AuthUser, level: string) {
  if (level === 'city' && user.role !== 'city_admin') {
    throw new DomainError('FORBIDDEN', '实施单位只能录入区级监督抽查，市级抽查由市局录入');
  }
}

export async function findVisibleSpotCheck(deps: AppDeps, user: AuthUser, input: { id: string }) {
  const { prisma } = deps.db;
  return visibleRecord(user, input.id, '监督抽查记录', (where) =>
    prisma.spotCheck.findFirst({ where, include: recordInclude }),
  );
}

export async function listSpotChecks(
  deps: AppDeps,
  user: AuthUser,
  query: z.output<typeof SpotCheckListQuery>,
) {
  const filters: Prisma.SpotCheckWhereInput[] = [
    ...recordListFilters(user, query),
    instantFilter('checkedAt', query),
  ];
  if (query.level) filters.push({ level: query.level });
  if (query.result) {
    filters.push(
      query.result === 'unqualified'
        ? { unqualifiedBatches: { gt: 0 } }
        : { unqualifiedBatches: 0 },
    );
  }
  const where: Prisma.SpotCheckWhereInput = { AND: filters };
  return pageOfRecords(
    query,
    (args) => deps.db.prisma.spotCheck.findMany({ where, include: recordInclude, ...args }),
    () => deps.db.prisma.spotCheck.count({ where }),
    presentSpotCheck,
  );
}

export async function createSpotCheck(
  deps: AppDeps,
  user: AuthUser,
  input: z.output<typeof CreateSpotCheckSchema>,
) {
  const { prisma } = deps.db;
  const { unitId } = await resolveRecordWrite(prisma, user, input, () =>
    assertMayRecordLevel(user, input.level),
  );
  const { unitId: _requested, ...fields } = input;
  const created = await createAudited(deps, user, 'spot_check', unitId, (tx) =>
    tx.spotCheck.create({
      data: { ...fields, unitId, createdById: user.id },
      include: recordInclude,
    }),
  );
  await followSpotCheck(deps, created.id);
  return presentSpotCheck(created);
}

/** A correction (reason, version read) checked by the create rules; a failure may now count. */
export async function correctSpotCheck(deps: AppDeps, user: AuthUser, input: CorrectionInput) {
  const { prisma } = deps.db;
  const corrected = await correctRecord(
    deps,
    user,
    {
      ...spotCheckKind(prisma),
      schema: CreateSpotCheckSchema,
      asInput: (row) => ({
        campaignId: row.campaignId,
        categoryId: row.categoryId,
        level: row.level,
        enterpriseId: row.enterpriseId,
        product: row.product,
        checkedAt: row.checkedAt.toISOString(),
        batches: row.batches,
        unqualifiedBatches: row.unqualifiedBatches,
        failedItems: row.failedItems,
        tracingNote: row.tracingNote ?? undefined,
      }),
      check: async (values, before) => {
        await resolveRecordWrite(prisma, user, { ...values, unitId: before.unitId }, () =>
          assertMayRecordLevel(user, values.level),
        );
      },
    },
    input,
  );
  await followSpotCheck(deps, corrected.id);
  return presentSpotCheck(corrected);
}

/** Voids a spot check: kept, out of lists, statistics and the two-failures count. */
export async function voidSpotCheck(
  deps: AppDeps,
  user: AuthUser,
  input: { id: string; version: number; reason: string },
) {
  return presentSpotCheck(await voidRecord(deps, user, spotCheckKind(deps.db.prisma), input));
}

export function presentSpotCheck(row: SpotCheckRow) {
  const result = row.unqualifiedBatches > 0 ? 'unqualified' : 'qualified';
  return {
    ...presentRecordBase(row),
    enterpriseId: row.enterpriseId,
    enterpriseName: row.enterprise.name,
    enterpriseCreditCode: row.enterprise.creditCode,
    level: row.level,
    levelName: SPOT_CHECK_LEVELS[row.level],
    product: row.product,
    checkedAt: toShanghaiIso(row.checkedAt),
    batches: row.batches,
    unqualifiedBatches: row.unqualifiedBatches,
    failedItems: row.failedItems,
    tracingNote: row.tracingNote ?? null,
    result,
    resultName: SPOT_CHECK_RESULTS[result],
    ...presentRecordState(row),
  } as const;
}
