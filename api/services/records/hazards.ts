import type { z } from '@hono/zod-openapi';
import { listEscalationActions } from './escalation-actions.js';
import { DomainError } from '../../../domain/errors.js';
import {
  HAZARD_SOURCES,
  HAZARD_STATUSES,
  PROBLEM_TYPES,
  SEVERITIES,
  SUBMISSION_STATUSES,
  type HazardStatusKey,
} from '../../../domain/labels.js';
import { isHazardOverdue } from '../../../domain/timeline/overdue.js';
import type { Prisma } from '../../../prisma/generated/client.js';
import { writeAudit } from '../../lib/audit.js';
import type { AppDeps, AuthUser } from '../../lib/context.js';
import { presentReminder, remindersOf } from '../timeline/reminders.js';
import { followNewHazard, notifyWorkflow } from '../timeline/notify-workflows.js';
import { resolveRecordWrite } from './references.js';
import { fieldError, notFoundError, staleVersionError } from '../../lib/errors.js';
import { toShanghaiIso } from '../../lib/format.js';
import { instantRange, orderBy, page, skipTake } from '../../lib/list-query.js';
import { assertCanWriteUnit, enterpriseReadScope } from '../../lib/scope.js';
import type {
  CreateHazardSchema,
  ExtendHazardSchema,
  HazardListQuery,
  StartHazardSchema,
  SubmitHazardSchema,
  UpdateHazardSchema,
  VerifyHazardSchema,
} from '../../contracts/hazards.js';

type PrismaClient = AppDeps['db']['prisma'];

export const hazardSummaryInclude = {
  unit: { select: { name: true } },
  enterprise: { select: { name: true } },
  category: { select: { code: true, name: true } },
} satisfies Prisma.HazardInclude;

const hazardDetail = {
  ...hazardSummaryInclude,
  submissions: { orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }] },
} satisfies Prisma.HazardInclude;

export type HazardSummaryRow = Prisma.HazardGetPayload<{ include: typeof hazardSummaryInclude }>;
type HazardRow = Prisma.HazardGetPayload<{ include: typeof hazardDetail }>;

/** Creates one hazard inside the caller's transaction and audits it (inspections use it too). */
export async function createHazardInTx(
  tx: Prisma.TransactionClient,
  user: AuthUser,
  data: Prisma.HazardUncheckedCreateInput,
) {
  const row = await tx.hazard.create({ data, include: hazardDetail });
  await writeAudit(tx, user, {
    action: 'create',
    entity: 'hazard',
    entityId: row.id,
    unitId: row.unitId,
    after: row,
  });
  return row;
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

async function findVisibleHazard(prisma: PrismaClient, user: AuthUser, id: string) {
  const hazard = await prisma.hazard.findFirst({
    where: { id, ...enterpriseReadScope(user) },
    include: hazardDetail,
  });
  if (!hazard) throw notFoundError('隐患');
  return hazard;
}

export async function getHazard(deps: AppDeps, user: AuthUser, input: { id: string }) {
  const { id } = input;
  const hazard = await findVisibleHazard(deps.db.prisma, user, id);
  const reminders = await remindersOf(deps.db.prisma, 'hazard', id);
  // The city's 督办 of an escalated hazard (there is none before the escalation): for the city and
  // the unit, not the enterprise.
  const escalationActions =
    user.role === 'enterprise_user' || !hazard.escalatedAt
      ? undefined
      : (await listEscalationActions(deps, user, { hazardId: id })).items;
  return {
    ...presentHazard(hazard, deps.now()),
    reminders: reminders.map(presentReminder),
    escalationActions,
  };
}

export async function listHazards(
  deps: AppDeps,
  user: AuthUser,
  query: z.output<typeof HazardListQuery>,
) {
  const now = deps.now();
  const filters: Prisma.HazardWhereInput[] = [enterpriseReadScope(user)];
  if (query.unit) filters.push({ unitId: query.unit });
  if (query.category) {
    filters.push({ OR: [{ categoryId: query.category }, { category: { code: query.category } }] });
  }
  if (query.enterprise) filters.push({ enterpriseId: query.enterprise });
  if (query.campaign) filters.push({ campaignId: query.campaign });
  if (query.status) filters.push({ status: query.status });
  if (query.severity) filters.push({ severity: query.severity });
  if (query.overdue === true) {
    filters.push({ status: { not: 'closed' }, deadline: { lt: now } });
  } else if (query.overdue === false) {
    filters.push({ OR: [{ status: 'closed' }, { deadline: { gte: now } }] });
  }
  const foundAt = instantRange(query.from, query.to);
  if (foundAt) filters.push({ foundAt });
  const where: Prisma.HazardWhereInput = { AND: filters };
  const [rows, total] = await Promise.all([
    deps.db.prisma.hazard.findMany({
      where,
      include: hazardSummaryInclude,
      orderBy: [orderBy(query.sort), { id: 'asc' }],
      ...skipTake(query),
    }),
    deps.db.prisma.hazard.count({ where }),
  ]);
  return page(
    rows.map((row) => presentHazardSummary(row, now)),
    total,
    query,
  );
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

export async function createHazard(
  deps: AppDeps,
  user: AuthUser,
  input: z.output<typeof CreateHazardSchema>,
) {
  const { prisma } = deps.db;
  const { unitId } = await resolveRecordWrite(prisma, user, input);
  const { unitId: _requested, ...fields } = input;
  const created = await prisma.$transaction((tx) =>
    createHazardInTx(tx, user, { ...fields, unitId, createdById: user.id }),
  );
  await followNewHazard(deps, created);
  return presentHazard(created, deps.now());
}

export async function updateHazard(
  deps: AppDeps,
  user: AuthUser,
  input: { id: string } & z.output<typeof UpdateHazardSchema>,
) {
  const { id } = input;
  const before = await findVisibleHazard(deps.db.prisma, user, id);
  assertCanWriteUnit(user, before.unitId);
  assertStatus(before, ['open', 'rectifying', 'submitted'], '修改');
  const { id: _id, version, ...fields } = input;
  return change(deps, user, before, { action: 'update', version, data: fields });
}

/** 开始整改: open → rectifying, by the enterprise itself or the officer. */
export async function startRectification(
  deps: AppDeps,
  user: AuthUser,
  input: { id: string } & z.output<typeof StartHazardSchema>,
) {
  const { id } = input;
  const before = await findVisibleHazard(deps.db.prisma, user, id);
  assertCanActForEnterprise(user, before);
  assertStatus(before, ['open'], '开始整改');
  return change(deps, user, before, {
    action: 'start',
    version: input.version,
    data: { status: 'rectifying' },
    reason: input.note,
  });
}

/** 提交整改材料: a pending submission; the hazard awaits verification. */
export async function submitRectification(
  deps: AppDeps,
  user: AuthUser,
  input: { id: string } & z.output<typeof SubmitHazardSchema>,
) {
  const { id } = input;
  const before = await findVisibleHazard(deps.db.prisma, user, id);
  assertCanActForEnterprise(user, before);
  assertStatus(before, ['open', 'rectifying'], '提交整改材料');
  const now = deps.now();
  let submissionId = '';
  return change(deps, user, before, {
    action: 'submit',
    version: input.version,
    data: { status: 'submitted' },
    notify: () => deps.temporal.hazardSubmitted(id, submissionId),
    then: async (tx) => {
      ({ id: submissionId } = await tx.hazardSubmission.create({
        data: {
          hazardId: id,
          submittedById: user.id,
          submittedAt: now,
          description: input.description,
          attachments: input.attachments,
        },
      }));
    },
  });
}

/** 核查: accept closes the hazard (销号); reject sends it back to rectification with a reason. */
export async function verifyRectification(
  deps: AppDeps,
  user: AuthUser,
  input: { id: string } & z.output<typeof VerifyHazardSchema>,
) {
  const { id } = input;
  const before = await findVisibleHazard(deps.db.prisma, user, id);
  assertCanWriteUnit(user, before.unitId);
  assertStatus(before, ['submitted'], '核查');
  const now = deps.now();
  if (input.newDeadline && input.newDeadline.getTime() <= now.getTime()) {
    throw fieldError('newDeadline', '新的整改期限应晚于当前时间');
  }
  const pending = before.submissions.filter((s) => s.status === 'pending').at(-1);
  const accepted = input.decision === 'accept';
  return change(deps, user, before, {
    action: accepted ? 'accept' : 'reject',
    version: input.version,
    data: accepted
      ? { status: 'closed', closedAt: now }
      : {
          status: 'rectifying',
          ...(input.newDeadline
            ? { deadline: input.newDeadline, overdueSince: null, escalatedAt: null }
            : {}),
        },
    reason: input.note,
    notify: () =>
      deps.temporal.hazardReviewed(id, {
        submissionId: pending?.id ?? '',
        decision: input.decision,
        ...(input.newDeadline ? { deadline: input.newDeadline.getTime() } : {}),
      }),
    then: async (tx) => {
      if (!pending) return;
      await tx.hazardSubmission.update({
        where: { id: pending.id },
        data: {
          status: accepted ? 'accepted' : 'rejected',
          reviewedById: user.id,
          reviewedAt: now,
          reviewNote: input.note ?? null,
        },
      });
    },
  });
}

/** 延期: a later deadline, with the reason kept in the audit log. */
export async function extendDeadline(
  deps: AppDeps,
  user: AuthUser,
  input: { id: string } & z.output<typeof ExtendHazardSchema>,
) {
  const { id } = input;
  const before = await findVisibleHazard(deps.db.prisma, user, id);
  assertCanWriteUnit(user, before.unitId);
  assertStatus(before, ['open', 'rectifying', 'submitted'], '延期');
  if (input.deadline.getTime() <= before.deadline.getTime()) {
    throw fieldError('deadline', `新的整改期限应晚于当前期限（${toShanghaiIso(before.deadline)}）`);
  }
  return change(deps, user, before, {
    action: 'extend',
    version: input.version,
    data: { deadline: input.deadline, overdueSince: null, escalatedAt: null },
    reason: input.reason,
    notify: () => deps.temporal.hazardDeadlineChanged(id, input.deadline.getTime()),
  });
}

function assertStatus(
  hazard: { status: HazardStatusKey },
  allowed: HazardStatusKey[],
  what: string,
) {
  if (!allowed.includes(hazard.status)) {
    throw new DomainError('CONFLICT', `当前状态为${HAZARD_STATUSES[hazard.status]}，不能${what}`);
  }
}

/** The enterprise acts on its own hazards; officers (their unit's) and the city admin on any. */
function assertCanActForEnterprise(
  user: AuthUser,
  hazard: { enterpriseId: string; unitId: string },
) {
  if (user.role === 'enterprise_user' && user.enterpriseId === hazard.enterpriseId) return;
  assertCanWriteUnit(user, hazard.unitId);
}

/** A versioned change: the loser of a concurrent write gets 409; the change is audited with it. */
async function change(
  deps: AppDeps,
  user: AuthUser,
  before: HazardRow,
  options: {
    action: string;
    version: number;
    data: Prisma.HazardUncheckedUpdateManyInput;
    reason?: string;
    then?: (tx: Prisma.TransactionClient) => Promise<void>;
    /** Tells the hazard's rectification workflow, after the change has committed. */
    notify?: () => Promise<unknown>;
  },
) {
  const after = await deps.db.prisma.$transaction(async (tx) => {
    const { count } = await tx.hazard.updateMany({
      where: { id: before.id, version: options.version },
      data: { ...options.data, version: { increment: 1 } },
    });
    if (count === 0) throw staleVersionError();
    await options.then?.(tx);
    const row = await tx.hazard.findUniqueOrThrow({
      where: { id: before.id },
      include: hazardDetail,
    });
    await writeAudit(tx, user, {
      action: options.action,
      entity: 'hazard',
      entityId: row.id,
      unitId: row.unitId,
      reason: options.reason,
      before,
      after: row,
    });
    return row;
  });
  if (options.notify)
    await notifyWorkflow(deps, `hazard ${before.id} ${options.action}`, options.notify);
  return presentHazard(after, deps.now());
}

// ---------------------------------------------------------------------------------------------
// Presenting
// ---------------------------------------------------------------------------------------------

export function presentHazardSummary(row: HazardSummaryRow, now: Date) {
  return {
    id: row.id,
    campaignId: row.campaignId,
    unitId: row.unitId,
    unitName: row.unit.name,
    enterpriseId: row.enterpriseId,
    enterpriseName: row.enterprise.name,
    categoryId: row.categoryId,
    categoryCode: row.category.code,
    categoryName: row.category.name,
    product: row.product,
    source: row.source,
    sourceName: HAZARD_SOURCES[row.source],
    problemType: row.problemType,
    problemTypeName: PROBLEM_TYPES[row.problemType],
    severity: row.severity,
    severityName: SEVERITIES[row.severity],
    description: row.description,
    measure: row.measure,
    responsiblePerson: row.responsiblePerson,
    foundAt: toShanghaiIso(row.foundAt),
    deadline: toShanghaiIso(row.deadline),
    status: row.status,
    statusName: HAZARD_STATUSES[row.status],
    overdue: isHazardOverdue(row, now),
    closedAt: row.closedAt ? toShanghaiIso(row.closedAt) : null,
    inspectionId: row.inspectionId,
    spotCheckId: row.spotCheckId,
    version: row.version,
    createdById: row.createdById,
    createdAt: toShanghaiIso(row.createdAt),
    updatedAt: toShanghaiIso(row.updatedAt),
  };
}

export function presentHazard(row: HazardRow, now: Date) {
  return {
    ...presentHazardSummary(row, now),
    submissions: row.submissions.map((s) => ({
      id: s.id,
      submittedById: s.submittedById,
      submittedAt: toShanghaiIso(s.submittedAt),
      description: s.description,
      attachments: Array.isArray(s.attachments)
        ? (s.attachments as { name: string; url: string }[])
        : [],
      status: s.status,
      statusName: SUBMISSION_STATUSES[s.status],
      reviewedById: s.reviewedById,
      reviewedAt: s.reviewedAt ? toShanghaiIso(s.reviewedAt) : null,
      reviewNote: s.reviewNote,
    })),
  };
}
