import { randomBytes } from 'node:crypto';
import { DomainError } from '../../../domain/errors.js';
import { renderSignInMail } from '../../../domain/sign-in/mails.js';
import type { Prisma, SignInLinkPurpose, SignInMethod } from '../../../prisma/generated/client.js';
import type { OutgoingMail } from '../../../lib/mailer.js';
import { ROLE_NAMES } from '../../contracts/roles.js';
import type { SignInLinkRequest } from '../../contracts/sign-in.js';
import { writeAudit } from '../../lib/audit.js';
import type { AppDeps, AuthUser } from '../../lib/context.js';
import { deriveLinkSecret, generateLinkSecret, hashToken } from '../../lib/tokens.js';
import { openSession, type OpenedSession } from './sessions.js';
import { countSignInAttempt } from './sign-in-rate.js';

// Sign-in links. A link's secret is in the URL only; the database keeps its SHA-256. Each link
// is bound to one user and lands on one dashboard page. Links asked for on the sign-in page
// (SIGN_IN_LINK_MINUTES) and invitation links (INVITATION_LINK_DAYS) are single use; a reminder's
// link (REMINDER_LINK_DAYS) opens a session each time until it expires, and its secret is derived
// from the reminder's key and the recipient so that a resend of that reminder carries it again.

type LinkRow = Prisma.SignInLinkGetPayload<{ include: { user: true } }>;

const KEEP_EXPIRED_MS = 30 * 86_400_000;
const LINK_SHAPE = /^[\w-]{20,100}$/;
const SAFE_TARGET = /^\/dashboard(\/[\w\-/]*)?(\?[\w\-=&%.]*)?(#[\w-]*)?$/;

/** Only paths inside the dashboard are landed on (no open redirect). */
export const landingPath = (target: string | undefined) =>
  target && SAFE_TARGET.test(target) ? target : '/dashboard';

export const linkUrl = (deps: AppDeps, secret: string) =>
  new URL(`/dashboard/link/${secret}`, deps.publicUrl).toString();

const METHOD: Record<SignInLinkPurpose, SignInMethod> = {
  email: 'email_link',
  invitation: 'invitation_link',
  reminder: 'reminder_link',
};

const toAuthUser = (user: LinkRow['user']): AuthUser => ({
  id: user.id,
  name: user.name,
  role: user.role,
  unitId: user.unitId,
  enterpriseId: user.enterpriseId,
});

const messageId = () => `<${randomBytes(16).toString('hex')}@hazard-campaign.local>`;

/**
 * Mail that tells nothing back to the request (sign-in links): sent after the answer, so that
 * neither its time nor a failure shows whether the address has an account. A failure is logged;
 * the person asks again.
 */
export function sendInBackground(deps: AppDeps, mails: OutgoingMail[]): void {
  const { mailer } = deps;
  if (!mailer) {
    if (mails.length > 0)
      deps.logger.warn('no mailer: sign-in links not sent', { count: mails.length });
    return;
  }
  for (const mail of mails) {
    mailer
      .send(mail)
      .catch((error: unknown) =>
        deps.logger.error('sending a sign-in link failed', { error: String(error) }),
      );
  }
}

/** Users an address signs in: active, not the worker's account (any letter case). */
function accountsOf(deps: AppDeps, email: string) {
  return deps.db.prisma.user.findMany({
    where: {
      email: { equals: email.trim(), mode: 'insensitive' },
      disabledAt: null,
      role: { not: 'service' },
    },
    include: { unit: true, enterprise: true },
    orderBy: { createdAt: 'asc' },
  });
}

/** A new single-use link for the user (audited as issued), and the mail that carries it. */
async function issueEmailLink(
  deps: AppDeps,
  user: Prisma.UserGetPayload<{ include: { unit: true; enterprise: true } }>,
  target: string,
  client: string,
): Promise<OutgoingMail> {
  const secret = generateLinkSecret();
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + deps.signIn.linkMinutes * 60_000);
  const authUser = toAuthUser(user);
  const link = await deps.db.prisma.$transaction(async (tx) => {
    // Housekeeping: a link a month past its time no longer helps even the fresh-link page.
    await tx.signInLink.deleteMany({
      where: { expiresAt: { lt: new Date(now.getTime() - KEEP_EXPIRED_MS) } },
    });
    const row = await tx.signInLink.create({
      data: {
        tokenHash: hashToken(secret),
        userId: user.id,
        purpose: 'email',
        target,
        createdAt: now,
        expiresAt,
      },
    });
    await writeAudit(tx, authUser, {
      action: 'issue',
      entity: 'sign_in_link',
      entityId: row.id,
      unitId: user.unitId ?? user.enterprise?.unitId ?? null,
      after: { purpose: 'email', target, expiresAt, client },
    });
    return row;
  });
  const account = [user.enterprise?.name ?? user.unit?.name, ROLE_NAMES[user.role]]
    .filter(Boolean)
    .join(' · ');
  const text = renderSignInMail({
    userName: user.name,
    account,
    link: linkUrl(deps, secret),
    expiresAt: link.expiresAt,
  });
  return { to: [user.email!], cc: [], ...text, messageId: messageId() };
}

/**
 * Asked for on the sign-in page: one link per account of the address, mailed. The answer is the
 * same whether or not the address has an account; over the rate limit, a 429.
 */
export async function requestSignInLink(
  deps: AppDeps,
  _user: null,
  input: SignInLinkRequest & { client: string },
): Promise<void> {
  await countSignInAttempt(deps, { client: input.client, address: input.email });
  const target = landingPath(input.next);
  const mails: OutgoingMail[] = [];
  for (const user of await accountsOf(deps, input.email)) {
    mails.push(await issueEmailLink(deps, user, target, input.client));
  }
  sendInBackground(deps, mails);
}

export type LinkState =
  | { state: 'valid'; link: LinkRow; user: AuthUser }
  /** Known link, but past its time, already used, or its user disabled. */
  | { state: 'expired' | 'used' | 'disabled'; link: LinkRow }
  | { state: 'unknown' };

async function findLink(deps: AppDeps, secret: string): Promise<LinkRow | null> {
  if (!LINK_SHAPE.test(secret)) return null;
  return deps.db.prisma.signInLink.findUnique({
    where: { tokenHash: hashToken(secret) },
    include: { user: true },
  });
}

function stateOf(deps: AppDeps, link: LinkRow | null): LinkState {
  if (!link) return { state: 'unknown' };
  if (link.user.disabledAt || link.user.role === 'service') return { state: 'disabled', link };
  if (link.expiresAt.getTime() <= deps.now().getTime()) return { state: 'expired', link };
  if (link.purpose !== 'reminder' && link.usedAt) return { state: 'used', link };
  return { state: 'valid', link, user: toAuthUser(link.user) };
}

/** What a link would do if used now (nothing is consumed). */
export async function inspectLink(
  deps: AppDeps,
  _user: null,
  input: { secret: string },
): Promise<LinkState> {
  return stateOf(deps, await findLink(deps, input.secret));
}

/**
 * Uses a link: a single-use link is consumed (of two racing uses, one wins), a reminder link
 * records its last use; then a session of its user opens. Otherwise the reason it cannot.
 */
export async function useLink(
  deps: AppDeps,
  _user: null,
  input: { secret: string; client: string },
): Promise<
  | { state: 'signed_in'; session: OpenedSession; target: string }
  | Exclude<LinkState, { state: 'valid' }>
> {
  const found = stateOf(deps, await findLink(deps, input.secret));
  if (found.state !== 'valid') return found;
  const { link, user } = found;
  const now = deps.now();
  const { count } = await deps.db.prisma.signInLink.updateMany({
    where: {
      id: link.id,
      expiresAt: { gt: now },
      ...(link.purpose === 'reminder' ? {} : { usedAt: null }),
    },
    data: { usedAt: now },
  });
  if (count === 0) return { state: 'used', link };
  const session = await openSession(deps, user, {
    method: METHOD[link.purpose],
    linkId: link.id,
    client: input.client,
  });
  return { state: 'signed_in', session, target: landingPath(link.target) };
}

/**
 * From the page an unusable link leads to: a new single-use link to the same page, mailed to
 * the link's user if they may still sign in. The same answer either way; rate-limited.
 */
export async function requestFreshLink(
  deps: AppDeps,
  _user: null,
  input: { secret: string; client: string },
): Promise<void> {
  const link = await findLink(deps, input.secret);
  const email = link?.user.email ?? undefined;
  await countSignInAttempt(deps, { client: input.client, address: email });
  if (!link || !email || link.user.disabledAt || link.user.role === 'service') return;
  const user = await deps.db.prisma.user.findUniqueOrThrow({
    where: { id: link.userId },
    include: { unit: true, enterprise: true },
  });
  sendInBackground(deps, [
    await issueEmailLink(deps, user, landingPath(link.target), input.client),
  ]);
}

/** A single-use invitation link for a user, inside the caller's transaction. */
export async function createInvitationLink(
  deps: AppDeps,
  tx: Prisma.TransactionClient,
  input: { userId: string; target: string },
): Promise<{ id: string; url: string; expiresAt: Date }> {
  const secret = generateLinkSecret();
  const now = deps.now();
  const row = await tx.signInLink.create({
    data: {
      tokenHash: hashToken(secret),
      userId: input.userId,
      purpose: 'invitation',
      target: landingPath(input.target),
      createdAt: now,
      expiresAt: new Date(now.getTime() + deps.signIn.invitationLinkDays * 86_400_000),
    },
  });
  return { id: row.id, url: linkUrl(deps, secret), expiresAt: row.expiresAt };
}

/**
 * The sign-in link a reminder carries to one enterprise user, derived from the reminder's key
 * and the user: minted at the first reservation, found again (same link, same expiry) at a
 * resend. A row per distinct secret: should LINK_SECRET change between two reservations, both
 * links work.
 */
export async function reminderLink(
  deps: AppDeps,
  _user: AuthUser | null,
  input: { reminderKey: string; userId: string; target: string },
): Promise<{ url: string; expiresAt: Date }> {
  const secret = deriveLinkSecret(
    deps.signIn.linkSecret,
    `reminder-link\n${input.reminderKey}\n${input.userId}`,
  );
  const now = deps.now();
  const row = await deps.db.prisma.signInLink.upsert({
    where: { tokenHash: hashToken(secret) },
    create: {
      tokenHash: hashToken(secret),
      userId: input.userId,
      purpose: 'reminder',
      target: landingPath(input.target),
      reminderKey: input.reminderKey,
      createdAt: now,
      expiresAt: new Date(now.getTime() + deps.signIn.reminderLinkDays * 86_400_000),
    },
    update: {},
  });
  if (row.userId !== input.userId) throw new DomainError('INTERNAL', '提醒登录链接冲突');
  return { url: linkUrl(deps, secret), expiresAt: row.expiresAt };
}
