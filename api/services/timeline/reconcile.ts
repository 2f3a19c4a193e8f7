import type { AppDeps } from '../../lib/context.js';
import { notifyWorkflow, startFollowUp, startRectification } from './notify-workflows.js';

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
