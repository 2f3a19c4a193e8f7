import type { Context, Hono } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { DomainError } from '../../domain/errors.js';
import type { AuthUser } from '../lib/context.js';
import { flashMessage } from './components/flash.js';
import { loadCampaign, type CampaignRow } from './queries.js';
import * as message from './pages/message.js';
import { requireSession, type DashboardEnv } from './session.js';

// What every page module has: a loader that fetches the page's data through the services and
// queries (they enforce the signed-in user's scope), and a view that renders it.

export type Ctx = Context<DashboardEnv, string>;

export interface PageContext {
  user: AuthUser;
  csrfToken: string;
  now: Date;
  campaign: CampaignRow | null;
  choices: { id: string; name: string }[];
  /** The success message for `?ok=<key>`. */
  ok?: string;
  /** A rejected action's message. */
  error?: string;
}

export type DashboardRouter = Hono<DashboardEnv>;

export interface Page<D> {
  load(c: Ctx, ctx: PageContext): Promise<D>;
  View(props: { ctx: PageContext; data: D }): JSX.Element;
}

/** GET handler of a signed-in page: context, the page's loader, its view. */
export function showPage<D>(router: DashboardRouter, path: string, page: Page<D>) {
  router.get(path, requireSession, async (c) => {
    const ctx = await pageContext(c);
    return render(c, <page.View ctx={ctx} data={await page.load(c, ctx)} />);
  });
}

export async function pageContext(c: Ctx): Promise<PageContext> {
  const { deps, session } = c.var;
  const { campaign, choices } = await loadCampaign(deps.db.prisma, c.req.query('campaign'));
  return {
    user: session.user,
    csrfToken: session.csrfToken,
    now: deps.now(),
    campaign,
    choices,
    ok: flashMessage(c.req.query('ok')),
  };
}

export async function render(
  c: Ctx,
  page: JSX.Element,
  status: 200 | 400 | 403 | 404 | 409 | 429 | 500 = 200,
) {
  c.header('Cache-Control', 'no-store');
  c.header('X-Frame-Options', 'DENY');
  c.header('Referrer-Policy', 'same-origin');
  return c.html(await page, status);
}

export const notFoundPage = (c: Ctx) =>
  render(
    c,
    <message.View
      title="页面不存在"
      text="您要查看的页面不存在，或不在您的查看范围内。"
      session={c.var.session}
    />,
    404,
  );

export const forbiddenPage = (c: Ctx, text = '当前身份无权执行此操作。') =>
  render(c, <message.View title="无权操作" text={text} session={c.var.session} />, 403);

export const EXPIRED_FORM = '表单已过期或来源校验失败，请刷新页面后重试。';

/** The 404 page: the record does not exist or is outside the user's scope (rendered by index). */
export function notFound(): never {
  throw new DomainError('NOT_FOUND', '页面不存在');
}

export const withCampaign = (path: string, campaign: CampaignRow | null) =>
  campaign ? `${path}?campaign=${encodeURIComponent(campaign.id)}` : path;

export const homeLabel = (user: AuthUser) =>
  user.role === 'unit_officer' ? '本单位概览' : '全市概览';
