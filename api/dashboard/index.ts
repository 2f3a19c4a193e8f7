import { Hono, type Context } from 'hono';
import { DomainError } from '../../domain/errors.js';
import type { AppEnv } from '../lib/context.js';
import { HTTP_STATUS } from '../lib/errors.js';
import { canReadUnit, enterpriseReadScope } from '../lib/scope.js';
import { getDuty } from '../services/reporting/duties.js';
import { getFollowUp } from '../services/records/follow-ups.js';
import { getHazard, submitRectification } from '../services/records/hazards.js';
import { SubmitHazardSchema } from '../contracts/hazards.js';
import { remindersOf } from '../services/reminders.js';
import { dashboardDownload } from './downloads.js';
import type { Html } from './layout.js';
import {
  dutyPage,
  enterpriseHome,
  enterprisePage,
  FLASH_MESSAGES,
  followUpPage,
  hazardPage,
  loginPage,
  messagePage,
  overviewPage,
  unitPage,
  type FormState,
  type PageContext,
} from './pages.js';
import {
  hazardTimeline,
  loadCampaign,
  overdueItems,
  unitOverview,
  visibleUnits,
} from './queries.js';
import {
  csrfFieldMatches,
  endSession,
  readSession,
  requireSession,
  safeNext,
  sameOriginPost,
  startSession,
  userForToken,
  type DashboardEnv,
} from './session.js';

// The supervisors' dashboard, server-rendered in Simplified Chinese at /dashboard. City roles see
// every unit, a unit officer their own unit, an enterprise user their enterprise's hazards and a
// form to submit rectification evidence. Data comes from the same services the API uses (they
// enforce scoping with the signed-in user) plus read-only aggregates in queries.ts.

type Ctx = Context<DashboardEnv, string>;

const asApp = (c: Ctx) => c as unknown as Context<AppEnv>;

async function render(c: Ctx, page: Html, status: 200 | 400 | 403 | 404 | 409 = 200) {
  c.header('Cache-Control', 'no-store');
  c.header('X-Frame-Options', 'DENY');
  c.header('Referrer-Policy', 'same-origin');
  return c.html(await page, status);
}

const notFoundPage = (c: Ctx) =>
  render(
    c,
    messagePage('页面不存在', '您要查看的页面不存在，或不在您的查看范围内。', c.var.session),
    404,
  );

const forbiddenPage = (c: Ctx, text = '当前身份无权执行此操作。') =>
  render(c, messagePage('无权操作', text, c.var.session), 403);

async function pageContext(c: Ctx): Promise<PageContext> {
  const { deps, session } = c.var;
  const { campaign, choices } = await loadCampaign(deps.db.prisma, c.req.query('campaign'));
  const ok = c.req.query('ok');
  return {
    user: session.user,
    csrfToken: session.csrfToken,
    now: deps.now(),
    campaign,
    choices,
    ok: ok ? FLASH_MESSAGES[ok] : undefined,
  };
}

/** A form post: same origin (Hono's csrf()) and the session's token in `_csrf`, else 403. */
async function checkedForm(c: Ctx): Promise<Record<string, string> | null> {
  if (!(await sameOriginPost(c))) return null;
  const body = await c.req.parseBody();
  if (!csrfFieldMatches(c.var.session, body._csrf)) return null;
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') fields[key] = value;
  }
  return fields;
}

/** "名称 链接" per line (or just a link) → [{ name, url }]. */
function parseAttachments(text: string) {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line, index) => {
      const parts = line.split(/\s+/);
      const url = parts.pop() ?? '';
      return { name: parts.join(' ') || `附件${index + 1}`, url };
    });
}

export const dashboardRouter = new Hono<DashboardEnv>();

dashboardRouter.onError((error, context) => {
  const c = context as Ctx;
  if (error instanceof DomainError) {
    const status = HTTP_STATUS[error.code];
    if (status === 404) return notFoundPage(c);
    if (status === 403) return forbiddenPage(c, error.message);
    if (status === 401) return c.redirect('/dashboard/login', 303);
  }
  c.var.logger?.error('dashboard error', {
    path: c.req.path,
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  return c.html(messagePage('系统错误', '服务器内部错误，请稍后重试。'), 500);
});

// ---------------------------------------------------------------------------------------------
// Sign-in
// ---------------------------------------------------------------------------------------------

dashboardRouter.get('/dashboard/login', async (c) => {
  const session = await readSession(asApp(c));
  if (session) return c.redirect('/dashboard', 303);
  const next = c.req.query('next');
  const info = c.req.query('ok') === 'signed_out' ? FLASH_MESSAGES.signed_out : undefined;
  return render(c, loginPage({ next: next ? safeNext(next) : undefined, info }));
});

dashboardRouter.post('/dashboard/login', async (c) => {
  if (!(await sameOriginPost(c))) {
    return render(c, messagePage('请求被拒绝', '请求来源校验失败，请从登录页面重新登录。'), 403);
  }
  const body = await c.req.parseBody();
  const token = typeof body.token === 'string' ? body.token : '';
  const user = await userForToken(asApp(c), token);
  if (!user) {
    return render(
      c,
      loginPage({
        error: token.trim()
          ? 'API 令牌无效、已被吊销或账号已停用，请核对后重试。'
          : '请输入 API 令牌。',
        next: safeNext(body.next),
      }),
      400,
    );
  }
  if (user.role === 'service') {
    return render(c, loginPage({ error: '系统服务账号不能登录工作看板。' }), 403);
  }
  await startSession(asApp(c), user);
  c.var.logger.info('dashboard sign-in', { userId: user.id, role: user.role });
  return c.redirect(safeNext(body.next), 303);
});

dashboardRouter.post('/dashboard/logout', requireSession, async (c) => {
  if (!(await checkedForm(c)))
    return forbiddenPage(c, '表单已过期或来源校验失败，请刷新页面后重试。');
  await endSession(asApp(c));
  return c.redirect('/dashboard/login?ok=signed_out', 303);
});

// ---------------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------------

dashboardRouter.get('/dashboard', requireSession, async (c) => {
  const ctx = await pageContext(c);
  if (ctx.user.role === 'enterprise_user') return render(c, await enterpriseHomePage(c, ctx));
  return render(c, await overview(c, ctx));
});
dashboardRouter.get('/dashboard/', (c) => c.redirect('/dashboard', 301));

async function overview(c: Ctx, ctx: PageContext) {
  const { prisma } = c.var.deps.db;
  const units = await visibleUnits(prisma, ctx.user);
  if (!ctx.campaign) {
    return overviewPage(ctx, { rows: [], overdue: { hazards: [], duties: [] }, buckets: [] });
  }
  const unitIds = units.map((u) => u.id);
  const [rows, overdue, buckets] = await Promise.all([
    unitOverview(prisma, ctx.campaign, units, ctx.now),
    overdueItems(prisma, ctx.campaign.id, unitIds, ctx.now),
    hazardTimeline(prisma, ctx.campaign, unitIds, ctx.now),
  ]);
  return overviewPage(ctx, { rows, overdue, buckets });
}

async function enterpriseHomePage(
  c: Ctx,
  ctx: PageContext,
  form?: { hazardId: string; state: FormState },
) {
  const { prisma } = c.var.deps.db;
  const scope = enterpriseReadScope(ctx.user);
  const [enterprise, hazards] = await Promise.all([
    prisma.enterprise.findUnique({ where: { id: ctx.user.enterpriseId ?? '' } }),
    prisma.hazard.findMany({
      where: scope,
      include: { category: true, submissions: { orderBy: { submittedAt: 'asc' } } },
      orderBy: [{ status: 'asc' }, { deadline: 'asc' }, { id: 'asc' }],
    }),
  ]);
  return enterpriseHome(ctx, { enterprise, hazards, form });
}

dashboardRouter.get('/dashboard/units/:id', requireSession, async (c) => {
  const ctx = await pageContext(c);
  const { prisma } = c.var.deps.db;
  const id = c.req.param('id');
  if (ctx.user.role === 'enterprise_user' || !canReadUnit(ctx.user, id)) return notFoundPage(c);
  const unit = await prisma.unit.findUnique({ where: { id } });
  if (!unit) return notFoundPage(c);
  const campaignId = ctx.campaign?.id ?? '';
  const [hazardCounts, overdueCounts, enterpriseTotal, duties, followUps] = await Promise.all([
    prisma.hazard.groupBy({
      by: ['enterpriseId', 'status'],
      where: { unitId: id, campaignId },
      _count: { _all: true },
    }),
    prisma.hazard.groupBy({
      by: ['enterpriseId'],
      where: { unitId: id, campaignId, status: { not: 'closed' }, deadline: { lt: ctx.now } },
      _count: { _all: true },
    }),
    prisma.enterprise.count({ where: { unitId: id } }),
    prisma.unitDuty.findMany({
      where: { unitId: id, campaignId },
      include: { deadline: true },
      orderBy: { dueAt: 'asc' },
    }),
    prisma.followUpTask.findMany({
      where: { unitId: id, campaignId },
      include: { enterprise: true },
      orderBy: [{ status: 'asc' }, { dueAt: 'asc' }],
    }),
  ]);
  const withHazards = [...new Set(hazardCounts.map((h) => h.enterpriseId))];
  // Every enterprise with a hazard in the campaign, and the register's first 200 besides.
  const enterprises = await prisma.enterprise.findMany({
    where: { unitId: id },
    select: { id: true, name: true, creditCode: true },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: 200,
  });
  const hazardEnterprises =
    withHazards.length > 0
      ? await prisma.enterprise.findMany({
          where: { id: { in: withHazards } },
          select: { id: true, name: true, creditCode: true },
        })
      : [];
  const byId = new Map([...hazardEnterprises, ...enterprises].map((e) => [e.id, e]));
  const rows = [...byId.values()]
    .map((e) => {
      const counts = hazardCounts.filter((h) => h.enterpriseId === e.id);
      const total = counts.reduce((sum, h) => sum + h._count._all, 0);
      const closed = counts.find((h) => h.status === 'closed')?._count._all ?? 0;
      const overdue = overdueCounts.find((h) => h.enterpriseId === e.id)?._count._all ?? 0;
      return { ...e, total, open: total - closed, overdue };
    })
    .sort(
      (a, b) =>
        b.overdue - a.overdue ||
        b.open - a.open ||
        b.total - a.total ||
        a.name.localeCompare(b.name, 'zh-CN'),
    );
  return render(c, unitPage(ctx, { unit, enterprises: rows, enterpriseTotal, duties, followUps }));
});

dashboardRouter.get('/dashboard/enterprises/:id', requireSession, async (c) => {
  const ctx = await pageContext(c);
  const { prisma } = c.var.deps.db;
  const id = c.req.param('id');
  const enterprise = await prisma.enterprise.findUnique({
    where: { id },
    include: { unit: true, contacts: { orderBy: [{ isPrimary: 'desc' }, { name: 'asc' }] } },
  });
  const visible =
    enterprise &&
    (ctx.user.role === 'enterprise_user'
      ? ctx.user.enterpriseId === enterprise.id
      : canReadUnit(ctx.user, enterprise.unitId));
  if (!enterprise || !visible) return notFoundPage(c);
  const hazards = await prisma.hazard.findMany({
    where: { enterpriseId: id, ...(ctx.campaign ? { campaignId: ctx.campaign.id } : {}) },
    include: { category: true, submissions: { orderBy: { submittedAt: 'asc' } } },
    orderBy: [{ deadline: 'asc' }, { id: 'asc' }],
  });
  const reminders = await prisma.reminder.findMany({
    where: { subjectType: 'hazard', subjectId: { in: hazards.map((h) => h.id) } },
    orderBy: [{ reservedAt: 'asc' }, { id: 'asc' }],
  });
  return render(c, enterprisePage(ctx, { enterprise, hazards, reminders }));
});

async function renderHazard(
  c: Ctx,
  ctx: PageContext,
  id: string,
  form?: FormState,
  status: 200 | 400 | 409 = 200,
) {
  const hazard = await getHazard(c.var.deps, ctx.user, id);
  const reminders = await remindersOf(c.var.deps.db.prisma, 'hazard', id);
  const campaign =
    ctx.campaign?.id === hazard.campaignId
      ? ctx.campaign
      : (await loadCampaign(c.var.deps.db.prisma, hazard.campaignId)).campaign;
  return render(c, hazardPage({ ...ctx, campaign }, hazard, reminders, form), status);
}

dashboardRouter.get('/dashboard/hazards/:id', requireSession, async (c) =>
  renderHazard(c, await pageContext(c), c.req.param('id')),
);

dashboardRouter.post('/dashboard/hazards/:id/submissions', requireSession, async (c) => {
  const fields = await checkedForm(c);
  if (!fields) return forbiddenPage(c, '表单已过期或来源校验失败，请刷新页面后重试。');
  const id = c.req.param('id');
  const ctx = await pageContext(c);
  const from = fields.from === 'hazard' ? 'hazard' : 'home';
  const state: FormState = {
    description: fields.description ?? '',
    attachments: fields.attachments ?? '',
  };
  const back = (error: string, issues: FormState['issues'], status: 400 | 409) => {
    const withError = { ...ctx, error };
    const formState = { ...state, issues };
    return from === 'hazard' || ctx.user.role !== 'enterprise_user'
      ? renderHazard(c, withError, id, formState, status)
      : enterpriseHomePage(c, withError, { hazardId: id, state: formState }).then((page) =>
          render(c, page, status),
        );
  };
  const parsed = SubmitHazardSchema.safeParse({
    version: Number(fields.version),
    description: state.description,
    attachments: parseAttachments(state.attachments ?? ''),
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      path: i.path.join('.'),
      message: i.message,
    }));
    return back('提交未成功，请按提示修改后重试。', issues, 400);
  }
  try {
    await submitRectification(c.var.deps, ctx.user, id, parsed.data);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'CONFLICT') {
      return back(`提交未成功：${error.message}`, undefined, 409);
    }
    if (error instanceof DomainError && error.code === 'VALIDATION_FAILED') {
      const issues = Array.isArray(error.details) ? (error.details as FormState['issues']) : [];
      return back('提交未成功，请按提示修改后重试。', issues, 400);
    }
    throw error;
  }
  return c.redirect(
    from === 'hazard'
      ? `/dashboard/hazards/${encodeURIComponent(id)}?ok=submitted`
      : `/dashboard?ok=submitted#hazard-${encodeURIComponent(id)}`,
    303,
  );
});

dashboardRouter.get('/dashboard/duties/:id', requireSession, async (c) => {
  const ctx = await pageContext(c);
  if (ctx.user.role === 'enterprise_user') return notFoundPage(c);
  const id = c.req.param('id');
  await getDuty(c.var.deps, ctx.user, id); // scoping: another unit's duty is not found
  const { prisma } = c.var.deps.db;
  const duty = await prisma.unitDuty.findUniqueOrThrow({
    where: { id },
    include: { unit: true, deadline: true, submissions: { orderBy: { version: 'asc' } } },
  });
  const reminders = await remindersOf(prisma, 'duty', id);
  const { campaign } = await loadCampaign(prisma, duty.campaignId);
  return render(c, dutyPage({ ...ctx, campaign }, duty, reminders));
});

dashboardRouter.get('/dashboard/follow-ups/:id', requireSession, async (c) => {
  const ctx = await pageContext(c);
  if (ctx.user.role === 'enterprise_user') return notFoundPage(c);
  const id = c.req.param('id');
  await getFollowUp(c.var.deps, ctx.user, id); // scoping: another unit's task is not found
  const { prisma } = c.var.deps.db;
  const task = await prisma.followUpTask.findUniqueOrThrow({
    where: { id },
    include: { unit: true, enterprise: true },
  });
  const reminders = await remindersOf(prisma, 'task', id);
  const { campaign } = await loadCampaign(prisma, task.campaignId);
  return render(c, followUpPage({ ...ctx, campaign }, task, reminders));
});

dashboardRouter.get('/dashboard/campaigns/:id/statistics', requireSession, (c) =>
  dashboardDownload(c, 'statistics'),
);
dashboardRouter.get('/dashboard/campaigns/:id/case-ledger', requireSession, (c) =>
  dashboardDownload(c, 'case-ledger'),
);

dashboardRouter.all('/dashboard/*', requireSession, (c) => notFoundPage(c));
