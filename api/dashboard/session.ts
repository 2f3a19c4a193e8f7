import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import { clientAddress } from '../lib/client-address.js';
import type { AppEnv, AuthUser } from '../lib/context.js';
import {
  endSession as endSessionRow,
  findSession,
  SESSION_HOURS,
  type OpenedSession,
} from '../services/people/sessions.js';

// Dashboard sessions in the browser. People sign in by an e-mailed link (pages/login.tsx,
// pages/link.tsx); the city admin may also paste an API token. What the browser keeps is a
// Session id in an HttpOnly cookie scoped to /dashboard; the session service checks on every
// request that it still holds (user active, same role/unit/enterprise, token not revoked). Every
// form that changes something carries the session's CSRF token in a hidden `_csrf` field, and
// Hono's csrf() middleware also refuses cross-origin form posts (Origin / Sec-Fetch-Site).

export const SESSION_COOKIE = 'hcm_session';
export { SESSION_HOURS };
const COOKIE_PATH = '/dashboard';

export interface DashboardSession {
  id: string;
  csrfToken: string;
  user: AuthUser;
}

export interface DashboardEnv {
  Variables: AppEnv['Variables'] & { session: DashboardSession };
}

const isHttps = (c: Context) =>
  new URL(c.req.url).protocol === 'https:' ||
  c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';

/** Who is asking, for rate limits and the audit log. */
export const clientOf = (c: Context<AppEnv>) => clientAddress(c, c.var.deps.signIn.trustProxy);

/** Sets the cookie of a session just opened by the session service. */
export function setSessionCookie(c: Context<AppEnv>, session: OpenedSession): void {
  setCookie(c, SESSION_COOKIE, session.id, {
    httpOnly: true,
    sameSite: 'Lax',
    path: COOKIE_PATH,
    secure: isHttps(c),
    maxAge: SESSION_HOURS * 3600,
  });
}

/** Signs this browser's session out (audited) and clears the cookie. */
export async function endSession(c: Context<AppEnv>): Promise<void> {
  const session = await readSession(c);
  if (session) await endSessionRow(c.var.deps, session.user, { sessionId: session.id });
  deleteCookie(c, SESSION_COOKIE, { path: COOKIE_PATH, secure: isHttps(c) });
}

/** Clears the cookie only (the session is already gone, e.g. signed out everywhere). */
export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: COOKIE_PATH, secure: isHttps(c) });
}

/** The signed-in user's session, or null when the cookie is missing, unknown or no longer valid. */
export async function readSession(c: Context<AppEnv>): Promise<DashboardSession | null> {
  const id = getCookie(c, SESSION_COOKIE);
  if (!id) return null;
  return findSession(c.var.deps, id);
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
