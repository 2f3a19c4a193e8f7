import {
  FAILURES_FOR_REINSPECTION,
  failuresWithinTwoYears,
  needsInterview,
} from '../../domain/rules/follow-ups.js';
import { DomainError } from '../../domain/errors.js';
import type { Prisma } from '../../prisma/generated/client.js';
import type { FollowUpKind } from '../../prisma/generated/enums.js';
import { newDeadlineState } from '../../domain/timeline/deadline-agenda.js';
import { writeAudit } from '../lib/audit.js';
import { isUniqueViolation } from '../lib/db-errors.js';
import type { AppDeps, AuthUser } from '../lib/context.js';
import { fieldError, notFoundError } from '../lib/errors.js';
import { toShanghaiIso } from '../lib/format.js';
import { agendaSettings, campaignDayMs } from './timeline-settings.js';

// The API's side of the durable timeline: starting and signalling workflows after a change has
// committed, and the writes the workflows ask for (overdue, escalation, extension, cancellation).
// The records are the system of record: a workflow start or signal that fails (Temporal down) is
// logged and made good by reconcileTimeline, which runs at start and periodically.

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Runs a workflow notification after a commit; a failure is logged, never undoes the change. */
export async function notifyWorkflow(deps: AppDeps, what: string, fn: () => Promise<unknown>) {
  try {
    await fn();
  } catch (error) {
    deps.logger.warn(`workflow notification failed: ${what}`, { error: describe(error) });
  }
}

type HazardWithCampaign = Prisma.HazardGetPayload<{ include: { campaign: true } }>;
type TaskWithCampaign = Prisma.FollowUpTaskGetPayload<{ include: { campaign: true } }>;

async function startRectification(deps: AppDeps, hazard: HazardWithCampaign): Promise<void> {
  if (hazard.status === 'closed' || hazard.campaign.cancelledAt) return;
  await notifyWorkflow(deps, `start rectification ${hazard.id}`, () =>
    deps.temporal.startRectification({
      hazardId: hazard.id,
      status: hazard.status,
      deadline: newDeadlineState(hazard.deadline.getTime()),
      settings: agendaSettings(hazard.campaign, true),
    }),
  );
}

/** After a hazard is recorded: follow its rectification, and interview the enterprise if serious. */
export async function followNewHazard(deps: AppDeps, hazard: { id: string }): Promise<void> {
  const row = await deps.db.prisma.hazard.findUniqueOrThrow({
    where: { id: hazard.id },
    include: { campaign: true },
  });
  await startRectification(deps, row);
  if (needsInterview(row.severity)) {
    await openFollowUp(deps, {
      kind: 'interview',
      campaignId: row.campaignId,
      unitId: row.unitId,
      enterpriseId: row.enterpriseId,
      hazardId: row.id,
      spotCheckIds: [],
      reason: `发现重大隐患：${row.description}`,
    });
  }
}

/** After a spot check: two failures within two years open a dedicated re-inspection. */
export async function followSpotCheck(deps: AppDeps, spotCheckId: string): Promise<void> {
  const { prisma } = deps.db;
  const check = await prisma.spotCheck.findUniqueOrThrow({ where: { id: spotCheckId } });
  if (check.unqualifiedBatches === 0) return;
  const failures = failuresWithinTwoYears(
    (
      await prisma.spotCheck.findMany({
        where: { enterpriseId: check.enterpriseId, unqualifiedBatches: { gt: 0 } },
        select: { id: true, checkedAt: true },
      })
    ).map((f) => ({ id: f.id, at: f.checkedAt })),
    check.checkedAt,
  );
  if (failures.length < FAILURES_FOR_REINSPECTION) return;
  const enterprise = await prisma.enterprise.findUniqueOrThrow({
    where: { id: check.enterpriseId },
  });
  await openFollowUp(deps, {
    kind: 'reinspection',
    campaignId: check.campaignId,
    // The enterprise's own unit inspects it, whoever recorded the spot check.
    unitId: enterprise.unitId,
    enterpriseId: enterprise.id,
    spotCheckIds: failures.map((f) => f.id),
    reason: `两年内监督抽查不合格 ${failures.length} 次，需开展专门现场检查`,
  });
}

/** Opens a follow-up task unless one of its kind is already open for the enterprise. */
export async function openFollowUp(
  deps: AppDeps,
  input: {
    kind: FollowUpKind;
    campaignId: string;
    unitId: string;
    enterpriseId: string;
    hazardId?: string;
    spotCheckIds: string[];
    reason: string;
  },
): Promise<string | null> {
  const { prisma } = deps.db;
  const campaign = await prisma.campaign.findUniqueOrThrow({ where: { id: input.campaignId } });
  const dueAt = new Date(deps.now().getTime() + campaign.followUpDueDays * campaignDayMs(campaign));
  let taskId: string;
  try {
    const task = await prisma.followUpTask.create({
      data: { ...input, dueAt, openKey: `${input.enterpriseId}:${input.kind}` },
    });
    taskId = task.id;
  } catch (error) {
    if (isUniqueViolation(error)) return null; // one is already open for this enterprise
    throw error;
  }
  await startFollowUp(
    deps,
    await prisma.followUpTask.findUniqueOrThrow({
      where: { id: taskId },
      include: { campaign: true },
    }),
  );
  return taskId;
}

async function startFollowUp(deps: AppDeps, task: TaskWithCampaign): Promise<void> {
  if (task.status !== 'open') return;
  await notifyWorkflow(deps, `start follow-up ${task.id}`, () =>
    deps.temporal.startFollowUp({
      taskId: task.id,
      deadline: newDeadlineState(task.dueAt.getTime()),
      settings: agendaSettings(task.campaign),
    }),
  );
}

/**
 * Starts the workflow of every open hazard and task that has none (already running ones are left
 * alone): records made while Temporal was down, or seeded directly, get their timeline.
 */
export async function reconcileTimeline(
  deps: AppDeps,
): Promise<{ hazards: number; tasks: number }> {
  const { prisma } = deps.db;
  if (!(await deps.temporal.isHealthy())) return { hazards: 0, tasks: 0 };
  const hazards = await prisma.hazard.findMany({
    where: { status: { not: 'closed' }, campaign: { cancelledAt: null } },
    include: { campaign: true },
  });
  for (const hazard of hazards) await startRectification(deps, hazard);
  const tasks = await prisma.followUpTask.findMany({
    where: { status: 'open' },
    include: { campaign: true },
  });
  for (const task of tasks) await startFollowUp(deps, task);
  return { hazards: hazards.length, tasks: tasks.length };
}

// ---------------------------------------------------------------------------------------------
// Writes the workflows ask for (service role). Idempotent: retried activities change nothing.
// ---------------------------------------------------------------------------------------------

export async function markOverdue(
  deps: AppDeps,
  input: { subjectType: 'duty' | 'hazard' | 'task'; subjectId: string; since: Date },
): Promise<void> {
  const { prisma } = deps.db;
  const where = { id: input.subjectId, overdueSince: null };
  const data = { overdueSince: input.since };
  let exists: number;
  switch (input.subjectType) {
    case 'duty':
      await prisma.unitDuty.updateMany({ where: { ...where, status: 'pending' }, data });
      exists = await prisma.unitDuty.count({ where: { id: input.subjectId } });
      break;
    case 'hazard':
      await prisma.hazard.updateMany({ where: { ...where, status: { not: 'closed' } }, data });
      exists = await prisma.hazard.count({ where: { id: input.subjectId } });
      break;
    case 'task':
      await prisma.followUpTask.updateMany({ where: { ...where, status: 'open' }, data });
      exists = await prisma.followUpTask.count({ where: { id: input.subjectId } });
      break;
  }
  if (exists === 0) throw notFoundError('记录');
}

export async function markEscalated(deps: AppDeps, hazardId: string, at: Date): Promise<void> {
  const { prisma } = deps.db;
  await prisma.hazard.updateMany({
    where: { id: hazardId, escalatedAt: null, status: { not: 'closed' } },
    data: { escalatedAt: at },
  });
  if ((await prisma.hazard.count({ where: { id: hazardId } })) === 0) throw notFoundError('隐患');
}

async function actor(deps: AppDeps, actorId: string): Promise<AuthUser> {
  const user = await deps.db.prisma.user.findUnique({ where: { id: actorId } });
  if (!user) throw fieldError('actorId', '操作人不存在');
  return {
    id: user.id,
    name: user.name,
    role: user.role,
    unitId: user.unitId,
    enterpriseId: user.enterpriseId,
  };
}

/** Moves a deadline for one unit or all, for duties not yet submitted. Audited with the reason. */
export async function applyDeadlineExtension(
  deps: AppDeps,
  campaignId: string,
  input: {
    kind: 'monthly_statistics' | 'phase_summary' | 'annual_summary';
    period: string;
    unitId?: string;
    dueAt: Date;
    reason: string;
    actorId: string;
  },
) {
  const { prisma } = deps.db;
  const user = await actor(deps, input.actorId);
  const deadline = await prisma.campaignDeadline.findUnique({
    where: { campaignId_kind_period: { campaignId, kind: input.kind, period: input.period } },
  });
  if (!deadline) throw notFoundError('报送期限');
  return prisma.$transaction(async (tx) => {
    const duties = await tx.unitDuty.findMany({
      where: {
        deadlineId: deadline.id,
        status: 'pending',
        ...(input.unitId ? { unitId: input.unitId } : {}),
      },
    });
    if (duties.length === 0) {
      throw new DomainError('CONFLICT', '没有可延期的报送任务（均已报送或单位不存在）');
    }
    const earlier = duties.find((d) => d.dueAt.getTime() >= input.dueAt.getTime());
    if (earlier) {
      throw fieldError(
        'dueAt',
        `新的截止时间应晚于当前截止时间（${toShanghaiIso(earlier.dueAt)}）`,
      );
    }
    await tx.unitDuty.updateMany({
      where: { id: { in: duties.map((d) => d.id) } },
      data: { dueAt: input.dueAt, overdueSince: null, version: { increment: 1 } },
    });
    for (const duty of duties) {
      await writeAudit(tx, user, {
        action: 'extend',
        entity: 'unit_duty',
        entityId: duty.id,
        unitId: duty.unitId,
        reason: input.reason,
        before: { dueAt: duty.dueAt },
        after: { dueAt: input.dueAt },
      });
    }
    return {
      duties: duties.map((d) => ({
        dutyId: d.id,
        unitId: d.unitId,
        dueAt: toShanghaiIso(input.dueAt),
      })),
    };
  });
}

export async function recordCancellation(
  deps: AppDeps,
  campaignId: string,
  input: { reason: string; actorId: string },
): Promise<void> {
  const { prisma } = deps.db;
  const user = await actor(deps, input.actorId);
  await prisma.$transaction(async (tx) => {
    const campaign = await tx.campaign.findUnique({ where: { id: campaignId } });
    if (!campaign) throw notFoundError('专项行动');
    if (campaign.cancelledAt) return;
    const after = await tx.campaign.update({
      where: { id: campaignId },
      data: { cancelledAt: deps.now(), cancelReason: input.reason },
    });
    await writeAudit(tx, user, {
      action: 'cancel',
      entity: 'campaign',
      entityId: campaignId,
      reason: input.reason,
      before: campaign,
      after,
    });
  });
}
