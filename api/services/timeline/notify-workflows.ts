import {
  FAILURES_FOR_REINSPECTION,
  failuresWithinTwoYears,
  needsInterview,
} from '../../../domain/rules/follow-ups.js';
import type { Prisma } from '../../../prisma/generated/client.js';
import type { FollowUpKind } from '../../../prisma/generated/enums.js';
import { newDeadlineState } from '../../../domain/timeline/deadline-agenda.js';
import { isUniqueViolation } from '../../lib/db-errors.js';
import type { AppDeps } from '../../lib/context.js';
import { agendaSettings, campaignDayMs } from './agenda-settings.js';

// Starting and signalling workflows after a change has committed. The records are the system of
// record: a workflow start or signal that fails (Temporal down) is logged and made good by
// reconcileTimeline (reconcile.ts), which runs at start and periodically.

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
export async function startRectification(deps: AppDeps, hazard: HazardWithCampaign): Promise<void> {
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

export async function startFollowUp(deps: AppDeps, task: TaskWithCampaign): Promise<void> {
  if (task.status !== 'open') return;
  await notifyWorkflow(deps, `start follow-up ${task.id}`, () =>
    deps.temporal.startFollowUp({
      taskId: task.id,
      deadline: newDeadlineState(task.dueAt.getTime()),
      settings: agendaSettings(task.campaign),
    }),
  );
}
