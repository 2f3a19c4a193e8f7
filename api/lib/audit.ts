import type { Prisma } from '../../prisma/generated/client.js';
import type { AuthUser } from './context.js';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string;
  unitId?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** Plain JSON (dates as ISO strings, decimals as strings) so that the log reads back as written. */
const toJson = (value: unknown): Prisma.InputJsonValue | undefined =>
  value === undefined || value === null
    ? undefined
    : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);

/** Appends to the audit log inside the caller's transaction: the change and its record commit together. */
export async function writeAudit(
  tx: Prisma.TransactionClient,
  user: AuthUser,
  entry: AuditEntry,
): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: user.id,
      actorRole: user.role,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      unitId: entry.unitId ?? null,
      reason: entry.reason ?? null,
      before: toJson(entry.before),
      after: toJson(entry.after),
    },
  });
}
