import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv, AuthUser } from '../lib/context.js';
import { hashToken } from '../lib/tokens.js';

// Dashboard sign-in. The user pastes an API token once; it is checked like the API checks a
// bearer token (hash lookup, not revoked, user not disabled) and never stored or logged. What
// the browser keeps is a Session id in an HttpOnly cookie scoped to /dashboard. Every form that
// changes something carries the session's CSRF token in a hidden `_csrf` field, and Hono's
// csrf() middleware also refuses cross-origin form posts (Origin / Sec-Fetch-Site).

export const SESSION_COOKIE = 'hcm_session';
export const SESSION_HOURS = 12;
const COOKIE_PATH = '/dashboard';

export interface DashboardSession {
  id: string;
  csrfToken: string;
  user: AuthUser;
}

export interface DashboardEnv {
  Variables: AppEnv['Variables'] & { session: DashboardSession };
}

const randomId = () => randomBytes(32).toString('base64url');

const isHttps = (c: Context) =>
  new URL(c.req.url).protocol === 'https:' ||
  c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';

/** The active user an API token belongs to, or null (unknown, revoked, disabled). */
export async function userForToken(c: Context<AppEnv>, token: string): Promise<AuthUser | null> {
  const trimmed = token.trim();
  if (!trimmed) return null;
  const row = await c.var.deps.db.prisma.apiToken.findUnique({
    where: { tokenHash: hashToken(trimmed) },
    include: { user: true },
  });
  if (!row || row.revokedAt || row.user.disabledAt) return null;
  const { id, name, role, unitId, enterpriseId } = row.user;
  return { id, name, role, unitId, enterpriseId };
}

/** A new session for the user, and its cookie on the response. */
export async function startSession(c: Context<AppEnv>, user: AuthUser): Promise<void> {
  const now = c.var.deps.now();
  // Housekeeping: sessions past their 12 hours are of no use to anyone.
  await c.var.deps.db.prisma.session.deleteMany({ where: { expiresAt: { lt: now } } });
  const session = await c.var.deps.db.prisma.session.create({
    data: {
      id: randomId(),
      userId: user.id,
      csrfToken: randomId(),
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000),
    },
  });
  setCookie(c, SESSION_COOKIE, session.id, {
    httpOnly: true,
    sameSite: 'Lax',
    path: COOKIE_PATH,
    secure: isHttps(c),
    maxAge: SESSION_HOURS * 3600,
  });
}

/** Deletes the session row (if any) and clears the cookie. */
export async function endSession(c: Context<AppEnv>): Promise<void> {
  const id = getCookie(c, SESSION_COOKIE);
  if (id) await c.var.deps.db.prisma.session.deleteMany({ where: { id } });
  deleteCookie(c, SESSION_COOKIE, { path: COOKIE_PATH, secure: isHttps(c) });
}

/** The signed-in user's session, or null when the cookie is missing, unknown or expired. */
export async function readSession(c: Context<AppEnv>): Promise<DashboardSession | null> {
  const id = getCookie(c, SESSION_COOKIE);
  if (!id) return null;
  const row = await c.var.deps.db.prisma.session.findUnique({
    where: { id },
    include: { user: true },
  });
  if (!row || row.expiresAt.getTime() <= c.var.deps.now().getTime() || row.user.disabledAt) {
    return null;
  }
  const { id: userId, name, role, unitId, enterpriseId } = row.user;
  return {
    id: row.id,
    csrfToken: row.csrfToken,
    user: { id: userId, name, role, unitId, enterpriseId },
  };
}

/** Pages behind sign-in: no session → redirect to the login page. */
export const requireSession = createMiddleware<DashboardEnv>(async (c, next) => {
  const session = await readSession(c as unknown as Context<AppEnv>);
  if (!session) {
    const target = c.req.method === 'GET' ? c.req.path + (new URL(c.req.url).search || '') : '';
    return c.redirect(
      target && target !== '/dashboard'
        ? `/dashboard/login?next=${encodeURIComponent(target)}`
        : '/dashboard/login',
      303,
    );
  }
  c.set('session', session);
  c.set('user', session.user);
  await next();
});

const originCheck: MiddlewareHandler<DashboardEnv, string> = csrf();

/** Hono's Origin / Sec-Fetch-Site check; true when the request may proceed. */
export async function sameOriginPost(c: Context<DashboardEnv, string>): Promise<boolean> {
  try {
    await originCheck(c, () => Promise.resolve());
    return true;
  } catch (error) {
    if (error instanceof HTTPException && error.status === 403) return false;
    throw error;
  }
}

/** The hidden `_csrf` field equals the session's token (constant-time comparison). */
export function csrfFieldMatches(session: DashboardSession, field: unknown): boolean {
  if (typeof field !== 'string') return false;
  const given = Buffer.from(field);
  const expected = Buffer.from(session.csrfToken);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Only relative paths inside the dashboard are followed after sign-in (no open redirect). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/dashboard(\/[\w\-/]*)?(\?[\w\-=&%.]*)?$/.test(next)
    ? next
    : '/dashboard';
}
