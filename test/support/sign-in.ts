import type { Page } from 'playwright-core';
import type { DemoTokens } from '../../api/db/seed.js';
import type { CapturedMail } from './smtp.js';
import { waitFor, type TestStack } from './stack.js';

/** A demo account, a user made in the test (by id), or an e-mail address. */
export type Person = keyof DemoTokens | { id: string } | { email: string };

/** The address a person signs in with, as the database has it. */
export async function emailOf(stack: TestStack, who: Person): Promise<string> {
  if (typeof who === 'object' && 'email' in who) return who.email;
  const user = await stack.api.db.prisma.user.findUniqueOrThrow({
    where: typeof who === 'string' ? { seedKey: `demo:${who}` } : { id: who.id },
  });
  if (!user.email) {
    throw new Error(`user ${user.name} has no e-mail address: give it one in the test's setup`);
  }
  return user.email;
}

const LINK = /https?:\/\/[^\s/]+\/dashboard\/link\/[\w-]+/;

/** The sign-in link in a mail's text. */
export function linkIn(mail: CapturedMail): string {
  const found = LINK.exec(mail.text)?.[0];
  if (!found) throw new Error(`no sign-in link in “${mail.subject}”`);
  return found;
}

/** The first mail to `email` received after `since` messages whose subject contains `about`. */
export function mailTo(
  stack: TestStack,
  email: string,
  about: string,
  since = 0,
): Promise<CapturedMail> {
  const address = email.toLowerCase();
  return waitFor(
    () =>
      stack.smtp.messages
        .slice(since)
        .find((m) => m.to.some((to) => to.toLowerCase() === address) && m.subject.includes(about)),
    { intervalMs: 20, timeoutMs: 15_000, what: `a mail “${about}” to ${email}` },
  );
}

/**
 * Signs the page's browser in the way people do: the e-mail form of the sign-in page, the link
 * read from the SMTP listener, 「登录」 on the page it opens. Ends on the page the link lands on
 * (`next`, or the home page).
 */
export async function signInByEmail(
  stack: TestStack,
  page: Page,
  who: Person,
  { next }: { next?: string } = {},
): Promise<void> {
  const email = await emailOf(stack, who);
  const since = stack.smtp.messages.length;
  const login = `${stack.api.url}/dashboard/login${next ? `?next=${encodeURIComponent(next)}` : ''}`;
  if (page.url() !== login) await page.goto(login);
  await page.fill('#email', email);
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/dashboard/login/link')),
    page.click('form.link-request button'),
  ]);
  const link = linkIn(await mailTo(stack, email, '登录链接', since));
  await page.goto(link);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/dashboard/link/')),
    page.click('form.link-confirm button'),
  ]);
}

export interface HttpSignInOptions {
  /** The API to talk to (another process on the same database); the stack's by default. */
  apiUrl?: string;
  /** Sent as X-Forwarded-For (stacks with trustProxy): the client as the rate limits see it. */
  client?: string;
  next?: string;
}

/** Form-post headers of a same-origin browser, for fetch. */
export function formHeaders(apiUrl: string, client?: string): Record<string, string> {
  return {
    origin: apiUrl,
    'content-type': 'application/x-www-form-urlencoded',
    ...(client ? { 'x-forwarded-for': client } : {}),
  };
}

/** The `hcm_session=…` pair of a response's Set-Cookie, if any. */
export function sessionCookie(response: Response): string | undefined {
  const pair = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('hcm_session=') && c.length > 'hcm_session='.length);
  return pair;
}

/** Asks for a sign-in link over HTTP as a form would; resolves to the response. */
export function requestLink(stack: TestStack, email: string, options: HttpSignInOptions = {}) {
  const apiUrl = options.apiUrl ?? stack.api.url;
  return fetch(`${apiUrl}/dashboard/login/link`, {
    method: 'POST',
    headers: formHeaders(apiUrl, options.client),
    body: new URLSearchParams({ email, next: options.next ?? '' }),
    redirect: 'manual',
  });
}

/** Presses 「登录」 on a link's page (a same-origin POST to it). */
export function useLinkOverHttp(link: string, client?: string) {
  return fetch(link, {
    method: 'POST',
    headers: formHeaders(new URL(link).origin, client),
    redirect: 'manual',
  });
}

/** Signs in over HTTP the way a browser would (link request, mail, 「登录」): the session cookie. */
export async function signInOverHttp(
  stack: TestStack,
  who: Person,
  options: HttpSignInOptions = {},
): Promise<string> {
  const email = await emailOf(stack, who);
  const since = stack.smtp.messages.length;
  const requested = await requestLink(stack, email, options);
  if (requested.status !== 200) throw new Error(`link request: ${requested.status}`);
  const link = linkIn(await mailTo(stack, email, '登录链接', since));
  const opened = await useLinkOverHttp(link, options.client);
  const cookie = sessionCookie(opened);
  if (opened.status !== 303 || !cookie) throw new Error(`sign-in by link: ${opened.status}`);
  return cookie;
}
