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

const toRow = (user: AuthUser, entry: AuditEntry) => ({
  actorId: user.id,
  actorRole: user.role,
  action: entry.action,
  entity: entry.entity,
  entityId: entry.entityId,
  unitId: entry.unitId ?? null,
  reason: entry.reason ?? null,
  before: toJson(entry.before),
  after: toJson(entry.after),
});

/** Appends to the audit log inside the caller's transaction: the change and its record commit together. */
export async function writeAudit(
  tx: Prisma.TransactionClient,
  user: AuthUser,
  entry: AuditEntry,
): Promise<void> {
  await tx.auditLog.create({ data: toRow(user, entry) });
}

/** The same for many changes at once (bulk imports): one statement per 500 entries. */
export async function writeAudits(
  tx: Prisma.TransactionClient,
  user: AuthUser,
  entries: readonly AuditEntry[],
): Promise<void> {
  for (let i = 0; i < entries.length; i += 500) {
    await tx.auditLog.createMany({ data: entries.slice(i, i + 500).map((e) => toRow(user, e)) });
  }
}
