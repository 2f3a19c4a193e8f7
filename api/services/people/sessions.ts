import { randomBytes } from 'node:crypto';
import type { Prisma, SignInMethod } from '../../../prisma/generated/client.js';
import { writeAudit } from '../../lib/audit.js';
import type { AppDeps, AuthUser } from '../../lib/context.js';

// Dashboard sessions. A session remembers how it was opened and the user's role, unit and
// enterprise at that moment; it stops working as soon as the user is disabled, any of those
// changes, the API token it was opened with is revoked, or it is signed out. Each check runs on
// every request (readSession), so nothing waits for a cleanup: the services that make such a
// change also delete the rows, in the same transaction, so they do not linger.

export const SESSION_HOURS = 12;

export interface OpenedSession {
  id: string;
  csrfToken: string;
  user: AuthUser;
}

const randomId = () => randomBytes(32).toString('base64url');

/** The unit an audit entry about a user belongs to: theirs, or their enterprise's. */
async function unitOfUser(tx: Prisma.TransactionClient, user: AuthUser): Promise<string | null> {
  if (user.unitId) return user.unitId;
  if (!user.enterpriseId) return null;
  const enterprise = await tx.enterprise.findUnique({ where: { id: user.enterpriseId } });
  return enterprise?.unitId ?? null;
}

export interface OpenSessionInput {
  method: SignInMethod;
  /** The API token of a token-form sign-in. */
  apiTokenId?: string;
  /** The link a link sign-in used. */
  linkId?: string;
  /** The client's address, for the audit log. */
  client: string;
}

/** A new session for the user; the sign-in is in the audit log (never the session's id). */
export async function openSession(
  deps: AppDeps,
  user: AuthUser,
  input: OpenSessionInput,
): Promise<OpenedSession> {
  const now = deps.now();
  return deps.db.prisma.$transaction(async (tx) => {
    // Housekeeping: sessions past their 12 hours are of no use to anyone.
    await tx.session.deleteMany({ where: { expiresAt: { lt: now } } });
    const row = await tx.session.create({
      data: {
        id: randomId(),
        userId: user.id,
        csrfToken: randomId(),
        createdAt: now,
        expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000),
        method: input.method,
        apiTokenId: input.apiTokenId ?? null,
        role: user.role,
        unitId: user.unitId,
        enterpriseId: user.enterpriseId,
      },
    });
    await writeAudit(tx, user, {
      action: 'sign_in',
      entity: 'user',
      entityId: user.id,
      unitId: await unitOfUser(tx, user),
      after: {
        method: input.method,
        apiTokenId: input.apiTokenId,
        linkId: input.linkId,
        client: input.client,
      },
    });
    return { id: row.id, csrfToken: row.csrfToken, user };
  });
}

/**
 * The session with this id while it is valid, or null. An invalid one (expired, user disabled,
 * role/unit/enterprise changed, its token revoked) is deleted on the way.
 */
export async function findSession(deps: AppDeps, id: string): Promise<OpenedSession | null> {
  const { prisma } = deps.db;
  const row = await prisma.session.findUnique({
    where: { id },
    include: { user: true, apiToken: true },
  });
  if (!row) return null;
  const { user } = row;
  const valid =
    row.expiresAt.getTime() > deps.now().getTime() &&
    !user.disabledAt &&
    user.role === row.role &&
    user.unitId === row.unitId &&
    user.enterpriseId === row.enterpriseId &&
    !(row.apiToken && row.apiToken.revokedAt);
  if (!valid) {
    await prisma.session.deleteMany({ where: { id } });
    return null;
  }
  return {
    id: row.id,
    csrfToken: row.csrfToken,
    user: {
      id: user.id,
      name: user.name,
      role: user.role,
      unitId: user.unitId,
      enterpriseId: user.enterpriseId,
    },
  };
}

/** Signs out of one session (audited); a session already gone changes nothing. */
export async function endSession(
  deps: AppDeps,
  user: AuthUser,
  input: { sessionId: string },
): Promise<void> {
  await deps.db.prisma.$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({
      where: { id: input.sessionId, userId: user.id },
    });
    if (count === 0) return;
    await writeAudit(tx, user, {
      action: 'sign_out',
      entity: 'user',
      entityId: user.id,
      unitId: await unitOfUser(tx, user),
    });
  });
}

/** Signs the user out of every session, in every browser (audited with how many ended). */
export async function endAllSessions(
  deps: AppDeps,
  user: AuthUser,
  _input: Record<string, never> = {},
): Promise<{ ended: number }> {
  return deps.db.prisma.$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { userId: user.id } });
    await writeAudit(tx, user, {
      action: 'sign_out_everywhere',
      entity: 'user',
      entityId: user.id,
      unitId: await unitOfUser(tx, user),
      after: { sessionsEnded: count },
    });
    return { ended: count };
  });
}
