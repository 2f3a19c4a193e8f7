import type { z } from '@hono/zod-openapi';
import type { Prisma } from '../../../prisma/generated/client.js';
import { ROLE_NAMES } from '../../contracts/roles.js';
import type { AppDeps, AuthUser } from '../../lib/context.js';
import { notFoundError } from '../../lib/errors.js';
import { toShanghaiIso } from '../../lib/format.js';
import { instantRange, orderBy, page, skipTake } from '../../lib/list-query.js';
import type { AuditLogQuery } from '../../contracts/audit-log.js';

// Read-only: the log is written by writeAudit (api/lib/audit.ts) and never changed. Who may
// read it is the route's role check (city roles).

export async function listAuditLog(
  deps: AppDeps,
  _user: AuthUser,
  query: z.output<typeof AuditLogQuery>,
) {
  const { prisma } = deps.db;
  const where: Prisma.AuditLogWhereInput = {
    ...(query.entity ? { entity: query.entity } : {}),
    ...(query.entityId ? { entityId: query.entityId } : {}),
    ...(query.actor ? { actorId: query.actor } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.unit ? { unitId: query.unit } : {}),
    ...(query.from || query.to ? { at: instantRange(query.from, query.to) } : {}),
  };
  const [rows, total] = await Promise.all([
    prisma.auditLog.findMany({
      where,
      orderBy: [orderBy(query.sort), { at: 'desc' }, { id: 'desc' }],
      ...skipTake(query),
    }),
    prisma.auditLog.count({ where }),
  ]);
  const names = await actorNames(deps, rows);
  return page(
    rows.map((row) => presentEntry(row, names)),
    total,
    query,
  );
}

export async function getAuditEntry(deps: AppDeps, _user: AuthUser, input: { id: string }) {
  const row = await deps.db.prisma.auditLog.findUnique({ where: { id: input.id } });
  if (!row) throw notFoundError('审计记录');
  return presentEntry(row, await actorNames(deps, [row]));
}

async function actorNames(deps: AppDeps, rows: Prisma.AuditLogModel[]) {
  const ids = [...new Set(rows.map((row) => row.actorId))];
  const users = await deps.db.prisma.user.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true },
  });
  return new Map(users.map((u) => [u.id, u.name]));
}

function presentEntry(row: Prisma.AuditLogModel, names: Map<string, string>) {
  return {
    id: row.id,
    at: toShanghaiIso(row.at),
    actor: {
      id: row.actorId,
      name: names.get(row.actorId) ?? null,
      role: row.actorRole,
      roleName: ROLE_NAMES[row.actorRole],
    },
    action: row.action,
    entity: row.entity,
    entityId: row.entityId,
    unitId: row.unitId,
    reason: row.reason,
    before: row.before ?? null,
    after: row.after ?? null,
  };
}
