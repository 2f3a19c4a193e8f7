import {
  FAILURES_FOR_REINSPECTION,
  failuresWithinTwoYears,
  needsInterview,
} from '../../domain/rules/follow-ups.js';
import type { Prisma } from '../../prisma/generated/client.js';
import type { DeadlineWrite, SubjectType } from '../contracts/worker-api.js';
import type { FollowUpKind } from '../../prisma/generated/enums.js';
import { newDeadlineState } from '../../domain/timeline/deadline-agenda.js';
import { isUniqueViolation } from '../lib/db-errors.js';
import type { AppDeps, AuthUser } from '../lib/context.js';
import { notFoundError } from '../lib/errors.js';
import { agendaSettings, campaignDayMs } from './timeline-settings.js';

// The API's side of the durable timeline: starting and signalling workflows after a change has
// committed, and the writes the workflows ask for (overdue, escalation).
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

/** Starts a hazard's rectification workflow; if it was already running, corrects its deadline. */
async function startRectification(deps: AppDeps, hazard: HazardWithCampaign): Promise<void> {
  if (hazard.status === 'closed' || hazard.campaign.cancelledAt) return;
  await notifyWorkflow(deps, `start rectification ${hazard.id}`, async () => {
    const started = await deps.temporal.startRectification({
      hazardId: hazard.id,
      status: hazard.status,
      deadline: newDeadlineState(hazard.deadline.getTime()),
      settings: agendaSettings(hazard.campaign, true),
    });
    if (started) return;
    const followed = await deps.temporal.hazardDeadline(hazard.id);
    if (followed !== hazard.deadline.getTime()) {
      await deps.temporal.hazardDeadlineChanged(hazard.id, hazard.deadline.getTime());
    }
  });
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
  if (check.unqualifiedBatches === 0 || check.voidedAt) return;
  const failures = failuresWithinTwoYears(
    (
      await prisma.spotCheck.findMany({
        // A voided spot check no longer counts toward the two failures.
        where: { enterpriseId: check.enterpriseId, unqualifiedBatches: { gt: 0 }, voidedAt: null },
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
 * Makes the workflows agree with the records, for changes whose start or signal was lost (Temporal
 * down): starts the workflow of every open hazard and task that has none, tells each running one
 * whose deadline differs from its record's (hazards, unit duties) the record's deadline, and
 * repeats the cancellation to a cancelled campaign's workflow that has not heard of it. Queries
 * only, unless something differs: nothing is added to histories that already agree.
 */
export async function reconcileTimeline(
  deps: AppDeps,
): Promise<{ hazards: number; tasks: number; units: number; cancellations: number }> {
  const { prisma } = deps.db;
  const none = { hazards: 0, tasks: 0, units: 0, cancellations: 0 };
  if (!(await deps.temporal.isHealthy())) return none;
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
  const units = await reconcileDutyDeadlines(deps);
  const cancellations = await reconcileCancellations(deps);
  return { hazards: hazards.length, tasks: tasks.length, units, cancellations };
}

/** Pending duties whose unit workflow follows another deadline are told the record's. */
async function reconcileDutyDeadlines(deps: AppDeps): Promise<number> {
  const pending = await deps.db.prisma.unitDuty.findMany({
    where: { status: 'pending', campaign: { cancelledAt: null } },
    select: { id: true, campaignId: true, unitId: true, dueAt: true },
  });
  const byUnit = new Map<string, typeof pending>();
  for (const duty of pending) {
    const key = `${duty.campaignId}/${duty.unitId}`;
    byUnit.set(key, [...(byUnit.get(key) ?? []), duty]);
  }
  for (const duties of byUnit.values()) {
    const { campaignId, unitId } = duties[0]!;
    await notifyWorkflow(deps, `reconcile unit ${campaignId}/${unitId}`, async () => {
      const followed = await deps.temporal.unitDeadlines(campaignId, unitId);
      if (!followed) return;
      for (const duty of duties) {
        const at = followed.get(duty.id);
        if (at !== undefined && at !== duty.dueAt.getTime()) {
          await deps.temporal.dutyDeadlineChanged(
            campaignId,
            unitId,
            duty.id,
            duty.dueAt.getTime(),
          );
        }
      }
    });
  }
  return byUnit.size;
}

/** Cancelled campaigns whose workflow still runs its timeline are told again. */
async function reconcileCancellations(deps: AppDeps): Promise<number> {
  const cancelled = await deps.db.prisma.campaign.findMany({
    where: { cancelledAt: { not: null } },
    select: { id: true, cancelReason: true },
  });
  for (const campaign of cancelled) {
    await notifyWorkflow(deps, `reconcile cancellation ${campaign.id}`, async () => {
      if (await deps.temporal.campaignRunsUncancelled(campaign.id)) {
        await deps.temporal.campaignCancelled(campaign.id, campaign.cancelReason ?? '');
      }
    });
  }
  return cancelled.length;
}

// ---------------------------------------------------------------------------------------------
// Writes the workflows ask for (service role). Idempotent: retried activities change nothing.
// ---------------------------------------------------------------------------------------------

/** The deadline a duty, hazard or task has in the records. */
async function recordedDeadline(deps: AppDeps, subjectType: SubjectType, id: string) {
  const { prisma } = deps.db;
  const select = { where: { id } };
  const row =
    subjectType === 'duty'
      ? await prisma.unitDuty.findUnique(select).then((d) => d && d.dueAt)
      : subjectType === 'hazard'
        ? await prisma.hazard.findUnique(select).then((h) => h && h.deadline)
        : await prisma.followUpTask.findUnique(select).then((t) => t && t.dueAt);
  if (!row) throw notFoundError('记录');
  return row;
}

/**
 * Whether a workflow's timer still matches the record: when the deadline it planned with has
 * moved (a signal that never arrived), or has not passed yet, the workflow is told the record's
 * deadline instead of anything being marked.
 */
function movedDeadline(
  deps: AppDeps,
  recorded: Date,
  planned: Date | undefined,
): DeadlineWrite | null {
  if (planned !== undefined && planned.getTime() !== recorded.getTime()) {
    return { outcome: 'moved', deadline: recorded.toISOString() };
  }
  if (recorded.getTime() > deps.now().getTime()) {
    return { outcome: 'moved', deadline: recorded.toISOString() };
  }
  return null;
}

export async function markOverdue(
  deps: AppDeps,
  _user: AuthUser,
  input: { subjectType: SubjectType; subjectId: string; since: Date },
): Promise<DeadlineWrite> {
  const { prisma } = deps.db;
  const recorded = await recordedDeadline(deps, input.subjectType, input.subjectId);
  const moved = movedDeadline(deps, recorded, input.since);
  if (moved) return moved;
  const where = { id: input.subjectId, overdueSince: null };
  const data = { overdueSince: input.since };
  switch (input.subjectType) {
    case 'duty':
      await prisma.unitDuty.updateMany({ where: { ...where, status: 'pending' }, data });
      break;
    case 'hazard':
      await prisma.hazard.updateMany({ where: { ...where, status: { not: 'closed' } }, data });
      break;
    case 'task':
      await prisma.followUpTask.updateMany({ where: { ...where, status: 'open' }, data });
      break;
  }
  return { outcome: 'recorded' };
}

export async function markEscalated(
  deps: AppDeps,
  _user: AuthUser,
  input: { hazardId: string; at: Date; deadline?: Date },
): Promise<DeadlineWrite> {
  const { prisma } = deps.db;
  const { hazardId } = input;
  const recorded = await recordedDeadline(deps, 'hazard', hazardId);
  const moved = movedDeadline(deps, recorded, input.deadline);
  if (moved) return moved;
  await prisma.hazard.updateMany({
    where: { id: hazardId, escalatedAt: null, status: { not: 'closed' } },
    data: { escalatedAt: input.at },
  });
  return { outcome: 'recorded' };
}
