import type { z } from '@hono/zod-openapi';
import { DomainError } from '../../../domain/errors.js';
import { FOLLOW_UP_KIND_NAMES, FOLLOW_UP_STATUS_NAMES } from '../../../domain/labels.js';
import { isFollowUpOverdue } from '../../../domain/timeline/overdue.js';
import type { Prisma } from '../../../prisma/generated/client.js';
import { writeAudit } from '../../lib/audit.js';
import type { AppDeps, AuthUser } from '../../lib/context.js';
import { fieldError, notFoundError, staleVersionError } from '../../lib/errors.js';
import { toShanghaiIso } from '../../lib/format.js';
import { orderBy, page, skipTake } from '../../lib/list-query.js';
import { assertCanWriteUnit, unitReadScope } from '../../lib/scope.js';
import type { CloseFollowUpSchema, FollowUpListQuery } from '../../contracts/follow-ups.js';
import { presentReminder, remindersOf } from '../timeline/reminders.js';
import { notifyWorkflow } from '../timeline/notify-workflows.js';

const include = { unit: true, enterprise: true } satisfies Prisma.FollowUpTaskInclude;
type FollowUpRow = Prisma.FollowUpTaskGetPayload<{ include: typeof include }>;

export async function listFollowUps(
  deps: AppDeps,
  user: AuthUser,
  query: z.output<typeof FollowUpListQuery>,
) {
  const filters: Prisma.FollowUpTaskWhereInput[] = [unitReadScope(user)];
  if (query.campaign) filters.push({ campaignId: query.campaign });
  if (query.unit) filters.push({ unitId: query.unit });
  if (query.enterprise) filters.push({ enterpriseId: query.enterprise });
  if (query.kind) filters.push({ kind: query.kind });
  if (query.status) filters.push({ status: query.status });
  const where = { AND: filters };
  const [rows, total] = await Promise.all([
    deps.db.prisma.followUpTask.findMany({
      where,
      include,
      orderBy: orderBy(query.sort),
      ...skipTake(query),
    }),
    deps.db.prisma.followUpTask.count({ where }),
  ]);
  const now = deps.now();
  return page(
    rows.map((row) => presentFollowUp(row, now)),
    total,
    query,
  );
}

async function findVisible(deps: AppDeps, user: AuthUser, id: string) {
  const row = await deps.db.prisma.followUpTask.findFirst({
    where: { AND: [{ id }, unitReadScope(user)] },
    include,
  });
  if (!row) throw notFoundError('跟进任务');
  return row;
}

export async function getFollowUp(deps: AppDeps, user: AuthUser, input: { id: string }) {
  const { id } = input;
  const row = await findVisible(deps, user, id);
  const reminders = await remindersOf(deps.db.prisma, 'task', id);
  return { ...presentFollowUp(row, deps.now()), reminders: reminders.map(presentReminder) };
}

/** The unit reports the re-inspection or interview done; its reminders stop. */
export async function closeFollowUp(
  deps: AppDeps,
  user: AuthUser,
  input: { id: string } & z.output<typeof CloseFollowUpSchema>,
) {
  const { id } = input;
  const before = await findVisible(deps, user, id);
  assertCanWriteUnit(user, before.unitId);
  if (before.status !== 'open') {
    throw new DomainError('CONFLICT', `任务${FOLLOW_UP_STATUS_NAMES[before.status]}，不能再次办结`);
  }
  await checkFulfillingRecord(deps, before, input);
  await deps.db.prisma.$transaction(async (tx) => {
    const { count } = await tx.followUpTask.updateMany({
      where: { id, version: input.version },
      data: {
        status: 'done',
        closedAt: deps.now(),
        closingNote: input.note,
        inspectionId: input.inspectionId ?? null,
        interviewId: input.interviewId ?? null,
        openKey: null,
        version: { increment: 1 },
      },
    });
    if (count === 0) throw staleVersionError();
    const after = await tx.followUpTask.findUniqueOrThrow({ where: { id } });
    await writeAudit(tx, user, {
      action: 'close',
      entity: 'follow_up_task',
      entityId: id,
      unitId: before.unitId,
      reason: input.note,
      before,
      after,
    });
  });
  await notifyWorkflow(deps, `follow-up ${id} closed`, () => deps.temporal.followUpClosed(id));
  return getFollowUp(deps, user, { id });
}

/** The records that may fulfil the task: the enterprise's inspections or interviews since it opened. */
export async function fulfillingRecordChoices(
  deps: AppDeps,
  user: AuthUser,
  input: { id: string },
) {
  const task = await findVisible(deps, user, input.id);
  const where = { enterpriseId: task.enterpriseId, createdAt: { gte: task.createdAt } };
  if (task.kind === 'reinspection') {
    const rows = await deps.db.prisma.inspection.findMany({
      where,
      orderBy: { inspectedAt: 'desc' },
      select: { id: true, inspectedAt: true, inspectors: true },
    });
    return rows.map((r) => ({ id: r.id, at: r.inspectedAt, label: r.inspectors.join('、') }));
  }
  const rows = await deps.db.prisma.interview.findMany({
    where,
    orderBy: { interviewedAt: 'desc' },
    select: { id: true, interviewedAt: true, reason: true },
  });
  return rows.map((r) => ({ id: r.id, at: r.interviewedAt, label: r.reason }));
}

/** A linked record must be of the task's kind, for its enterprise, recorded after it opened. */
async function checkFulfillingRecord(
  deps: AppDeps,
  task: FollowUpRow,
  input: z.output<typeof CloseFollowUpSchema>,
) {
  const { prisma } = deps.db;
  const where = { enterpriseId: task.enterpriseId, createdAt: { gte: task.createdAt } };
  if (input.inspectionId) {
    if (task.kind !== 'reinspection') {
      throw fieldError('inspectionId', '约谈任务应关联约谈记录，而非检查记录');
    }
    const found = await prisma.inspection.findFirst({
      where: { id: input.inspectionId, ...where },
      select: { id: true },
    });
    if (!found) throw fieldError('inspectionId', '检查记录不存在，或不是该企业在任务下达后的检查');
  }
  if (input.interviewId) {
    if (task.kind !== 'interview') {
      throw fieldError('interviewId', '专门现场检查任务应关联检查记录，而非约谈记录');
    }
    const found = await prisma.interview.findFirst({
      where: { id: input.interviewId, ...where },
      select: { id: true },
    });
    if (!found) throw fieldError('interviewId', '约谈记录不存在，或不是该企业在任务下达后的约谈');
  }
}

export function presentFollowUp(row: FollowUpRow, now: Date) {
  return {
    id: row.id,
    kind: row.kind,
    kindName: FOLLOW_UP_KIND_NAMES[row.kind],
    campaignId: row.campaignId,
    unitId: row.unitId,
    unitName: row.unit.name,
    enterpriseId: row.enterpriseId,
    enterpriseName: row.enterprise.name,
    hazardId: row.hazardId,
    spotCheckIds: row.spotCheckIds,
    reason: row.reason,
    dueAt: toShanghaiIso(row.dueAt),
    status: row.status,
    statusName: FOLLOW_UP_STATUS_NAMES[row.status],
    overdue: isFollowUpOverdue(row, now),
    overdueSince: row.overdueSince ? toShanghaiIso(row.overdueSince) : null,
    closedAt: row.closedAt ? toShanghaiIso(row.closedAt) : null,
    closingNote: row.closingNote,
    inspectionId: row.inspectionId,
    interviewId: row.interviewId,
    version: row.version,
    createdAt: toShanghaiIso(row.createdAt),
  };
}
