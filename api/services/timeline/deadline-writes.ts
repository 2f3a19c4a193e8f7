import type { DeadlineWrite, SubjectType } from '../../contracts/worker-api.js';
import type { AppDeps, AuthUser } from '../../lib/context.js';
import { notFoundError } from '../../lib/errors.js';

// Writes the workflows ask for (service role). Idempotent: retried activities change nothing.

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
