import type { z } from '@hono/zod-openapi';
import { shanghaiDateOf } from '../../../domain/calendar/shanghai-time.js';
import { DomainError } from '../../../domain/errors.js';
import type { Prisma } from '../../../prisma/generated/client.js';
import type { CreateEscalationActionSchema } from '../../contracts/escalation-actions.js';
import { ROLE_NAMES } from '../../contracts/roles.js';
import { writeAudit } from '../../lib/audit.js';
import type { AppDeps, AuthUser } from '../../lib/context.js';
import { fieldError, notFoundError } from '../../lib/errors.js';
import { toShanghaiIso } from '../../lib/format.js';
import { isCityRole } from '../../lib/scope.js';

// What the city did about a hazard escalated to it (【逾期升级】): 督办指令, a note, a follow-up
// date. Recorded by the city admin or a city supervisor — supervising is the supervisors' work,
// and it changes nothing in the hazard itself. The hazard's unit reads them; nobody else.

/** The hazard, if the user may see its escalation actions (city roles, the unit's officers). */
async function hazardForActions(deps: AppDeps, user: AuthUser, hazardId: string) {
  const mayRead = isCityRole(user) || user.role === 'service' || user.role === 'unit_officer';
  const hazard = mayRead
    ? await deps.db.prisma.hazard.findUnique({ where: { id: hazardId } })
    : null;
  if (!hazard) throw notFoundError('隐患');
  if (user.role === 'unit_officer' && hazard.unitId !== user.unitId) throw notFoundError('隐患');
  return hazard;
}

export async function listEscalationActions(
  deps: AppDeps,
  user: AuthUser,
  input: { hazardId: string },
) {
  await hazardForActions(deps, user, input.hazardId);
  const rows = await deps.db.prisma.escalationAction.findMany({
    where: { hazardId: input.hazardId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return { items: rows.map(presentEscalationAction) };
}

export async function recordEscalationAction(
  deps: AppDeps,
  user: AuthUser,
  input: { hazardId: string } & z.output<typeof CreateEscalationActionSchema>,
) {
  const hazard = await hazardForActions(deps, user, input.hazardId);
  if (user.role !== 'city_admin' && user.role !== 'city_supervisor') {
    throw new DomainError('FORBIDDEN', '只有市局管理员或市局督导可以记录督办情况');
  }
  if (!hazard.escalatedAt) {
    throw new DomainError('CONFLICT', '该隐患尚未逾期升级至市局，不能记录督办情况');
  }
  const now = deps.now();
  if (input.followUpDate && input.followUpDate < shanghaiDateOf(now)) {
    throw fieldError('followUpDate', '跟进日期不能早于今天');
  }
  const actor = await deps.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
  return deps.db.prisma.$transaction(async (tx) => {
    const row = await tx.escalationAction.create({
      data: {
        hazardId: hazard.id,
        instruction: input.instruction,
        note: input.note ?? null,
        followUpDate: input.followUpDate ?? null,
        actorId: user.id,
        actorName: actor.name,
        actorRole: user.role,
        createdAt: now,
      },
    });
    const presented = presentEscalationAction(row);
    await writeAudit(tx, user, {
      action: 'escalation_action',
      entity: 'hazard',
      entityId: hazard.id,
      unitId: hazard.unitId,
      after: presented,
    });
    return presented;
  });
}

export function presentEscalationAction(row: Prisma.EscalationActionModel) {
  return {
    id: row.id,
    hazardId: row.hazardId,
    instruction: row.instruction,
    note: row.note,
    followUpDate: row.followUpDate,
    actorId: row.actorId,
    actorName: row.actorName,
    actorRole: row.actorRole,
    actorRoleName: ROLE_NAMES[row.actorRole],
    createdAt: toShanghaiIso(row.createdAt),
  };
}
