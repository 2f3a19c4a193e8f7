import { html } from 'hono/html';
import {
  DUTY_STATE_NAMES,
  FOLLOW_UP_KIND_NAMES,
  FOLLOW_UP_STATUS_NAMES,
  HAZARD_STATUSES,
  REMINDER_STATUS_NAMES,
  SEVERITIES,
} from '../../domain/labels.js';
import { CAMPAIGN_STATE_NAMES } from '../../domain/calendar/phases.js';
import { dutyState } from '../../domain/timeline/duty-state.js';
import { isFollowUpOverdue, isHazardOverdue } from '../../domain/timeline/overdue.js';
import type { Prisma } from '../../prisma/generated/client.js';
import type { AuthUser } from '../lib/context.js';
import { hazardChart, phaseTimeline } from './charts.js';
import { badge, flash, layout, percent, type Html } from './layout.js';
import {
  describeDeadline,
  describeInstant,
  DUTY_STATE_TONES,
  type CampaignRow,
  type ChartBucket,
  type UnitOverviewRow,
} from './queries.js';

export interface PageContext {
  user: AuthUser;
  csrfToken: string;
  now: Date;
  campaign: CampaignRow | null;
  choices: { id: string; name: string }[];
  ok?: string;
  error?: string;
}

/** Flash messages by key: only fixed texts are shown, never text taken from the URL. */
export const FLASH_MESSAGES: Record<string, string> = {
  submitted: '整改材料已提交，等待监管部门核查。',
  signed_out: '已退出登录。',
};

const withCampaign = (path: string, campaign: CampaignRow | null) =>
  campaign ? `${path}?campaign=${encodeURIComponent(campaign.id)}` : path;

const hazardTone = (status: string, overdue: boolean) =>
  overdue ? 'overdue' : status === 'closed' ? 'ok' : status === 'submitted' ? 'pending' : 'late';

function hazardStatusBadge(h: { status: keyof typeof HAZARD_STATUSES; deadline: Date }, now: Date) {
  const overdue = isHazardOverdue(h, now);
  return html`${badge(HAZARD_STATUSES[h.status], hazardTone(h.status, overdue))}${
    overdue ? html` ${badge('已逾期', 'overdue')}` : ''
  }`;
}

// ---------------------------------------------------------------------------------------------
// Sign-in and messages
// ---------------------------------------------------------------------------------------------

export function loginPage(options: { error?: string; next?: string; info?: string }): Html {
  return layout({
    title: '登录',
    body: html`<section class="login">
      <h2>使用 API 令牌登录</h2>
      ${flash('err', options.error)}${flash('ok', options.info)}
      <form method="post" action="/dashboard/login">
        <label for="token">API 令牌</label>
        <input
          id="token"
          name="token"
          type="password"
          autocomplete="off"
          required
          placeholder="粘贴管理员发放的 API 令牌"
        />
        <input type="hidden" name="next" value="${options.next ?? ''}" />
        <button class="primary" type="submit">登录</button>
      </form>
      <p class="muted small">
        令牌仅用于核验身份，不会保存在浏览器中；登录状态保持 12 小时。演示令牌见数据目录下的
        demo-tokens.json。
      </p>
    </section>`,
  });
}

export function messagePage(
  title: string,
  text: string,
  session?: { user: AuthUser; csrfToken: string },
): Html {
  return layout({
    title,
    user: session?.user,
    csrfToken: session?.csrfToken,
    body: html`<section>
      <h2>${title}</h2>
      <p>${text}</p>
      <p><a href="/dashboard">返回首页</a></p>
    </section>`,
  });
}

// ---------------------------------------------------------------------------------------------
// Overview: city roles (all 18 units) and unit officers (their unit)
// ---------------------------------------------------------------------------------------------

function campaignChooser(ctx: PageContext, path: string): Html {
  if (ctx.choices.length <= 1 || !ctx.campaign) return '';
  return html`<form method="get" action="${path}" class="inline">
    <label for="campaign" style="display:inline;margin-right:6px">专项行动</label>
    <select id="campaign" name="campaign" style="width:auto" onchange="this.form.submit()">
      ${ctx.choices.map(
        (c) =>
          html`<option value="${c.id}" ${c.id === ctx.campaign?.id ? 'selected' : ''}>
            ${c.name}
          </option>`,
      )}
    </select>
    <noscript><button type="submit">切换</button></noscript>
  </form>`;
}

function downloads(campaign: CampaignRow, unitId?: string): Html {
  const base = `/dashboard/campaigns/${encodeURIComponent(campaign.id)}`;
  const unit = unitId ? `unit=${encodeURIComponent(unitId)}&` : '';
  return html`<p class="small">
    下载：<a href="${base}/statistics?${unit}format=xlsx">统计表（XLSX）</a> ·
    <a href="${base}/statistics?${unit}format=csv">统计表（CSV）</a> ·
    <a href="${base}/case-ledger?${unit}format=xlsx">典型案例台账（XLSX）</a> ·
    <a href="${base}/case-ledger?${unit}format=csv">典型案例台账（CSV）</a>
  </p>`;
}

function dutyCell(
  ctx: PageContext,
  duty:
    | { id: string; state: keyof typeof DUTY_STATE_NAMES; dueAt: Date; submittedAt: Date | null }
    | undefined,
): Html {
  if (!duty) return html`<td class="muted">—</td>`;
  const title = `截止 ${describeDeadline(ctx.campaign, duty.dueAt)}${
    duty.submittedAt ? `；报送于 ${describeInstant(ctx.campaign, duty.submittedAt)}` : ''
  }`;
  return html`<td>
    <a href="/dashboard/duties/${duty.id}" style="text-decoration:none"
      >${badge(DUTY_STATE_NAMES[duty.state], DUTY_STATE_TONES[duty.state], title)}</a
    >
  </td>`;
}

export function overviewPage(
  ctx: PageContext,
  data: {
    rows: UnitOverviewRow[];
    overdue: {
      hazards: Prisma.HazardGetPayload<{
        include: { unit: true; enterprise: { select: { id: true; name: true } } };
      }>[];
      duties: Prisma.UnitDutyGetPayload<{ include: { unit: true; deadline: true } }>[];
    };
    buckets: ChartBucket[];
  },
): Html {
  const campaign = ctx.campaign;
  const city = ctx.user.role !== 'unit_officer';
  if (!campaign) {
    return layout({
      title: '首页',
      user: ctx.user,
      csrfToken: ctx.csrfToken,
      body: html`<section>
        <h2>暂无专项行动</h2>
        <p class="muted">市局创建专项行动后，这里将显示各单位的工作进展。</p>
      </section>`,
    });
  }
  const totals = data.rows.reduce(
    (t, r) => ({
      total: t.total + r.hazardsTotal,
      open: t.open + r.hazardsOpen,
      overdue: t.overdue + r.hazardsOverdue,
      closed: t.closed + r.hazardsClosed,
    }),
    { total: 0, open: 0, overdue: 0, closed: 0 },
  );
  return layout({
    title: city ? '全市概览' : '本单位概览',
    user: ctx.user,
    csrfToken: ctx.csrfToken,
    body: html` ${flash('ok', ctx.ok)}${flash('err', ctx.error)}
      <section>
        <h2>${campaign.name} ${campaign.cancelledAt ? badge('已撤销', 'overdue') : ''}</h2>
        <p>
          当前阶段：<b>${CAMPAIGN_STATE_NAMES[campaign.phase]}</b>
          <span class="muted"
            >（${campaign.phases[0]?.startDate ?? ''} 至
            ${campaign.phases.at(-1)?.endDate ?? ''}${campaign.demoSecondsPerDay !== null ? `；演示日历，每个活动日 ${campaign.demoSecondsPerDay} 秒` : ''}）</span
          >
          ${campaignChooser(ctx, '/dashboard')}
        </p>
        ${phaseTimeline(campaign, ctx.now)}
        ${city ? downloads(campaign) : downloads(campaign, data.rows[0]?.unit.id)}
      </section>
      <div class="cards">
        <div class="card">隐患总数<b id="total-hazards">${totals.total}</b></div>
        <div class="card">未销号隐患<b>${totals.open}</b></div>
        <div class="card">逾期未整改<b style="color:var(--bad)">${totals.overdue}</b></div>
        <div class="card">整改销号率<b>${percent(totals.closed, totals.total)}</b></div>
      </div>
      <section>
        <h2>${city ? '各实施单位工作进展' : '本单位工作进展'}</h2>
        <div class="scroll">
          <table class="units">
            <thead>
              <tr>
                <th rowspan="2">实施单位</th>
                <th colspan="${campaign.deadlines.length}">报送任务</th>
                <th colspan="4">隐患整改</th>
                <th rowspan="2" class="num">抽查不合格<br />（次）</th>
                <th rowspan="2" class="num">待办专门<br />现场检查</th>
              </tr>
              <tr>
                ${campaign.deadlines.map((d) => html`<th title="${d.dueDate} 前报送">${d.name.replace(/^\d{4}年/, '')}</th>`)}
                <th class="num">未销号</th>
                <th class="num">逾期</th>
                <th class="num">已销号</th>
                <th class="num">销号率</th>
              </tr>
            </thead>
            <tbody>
              ${data.rows.map(
                (r) =>
                  html`<tr data-unit="${r.unit.id}">
                    <td>
                      <a href="${withCampaign(`/dashboard/units/${r.unit.id}`, campaign)}"
                        >${r.unit.name}</a
                      >
                      ${r.unit.listedSupervision ? badge('挂牌督办', 'listed') : ''}
                    </td>
                    ${campaign.deadlines.map((d) => dutyCell(ctx, r.duties.get(d.id)))}
                    <td class="num">${r.hazardsOpen}</td>
                    <td class="num">
                      ${r.hazardsOverdue > 0 ? html`<b style="color:var(--bad)">${r.hazardsOverdue}</b>` : 0}
                    </td>
                    <td class="num">${r.hazardsClosed}</td>
                    <td class="num">${percent(r.hazardsClosed, r.hazardsTotal)}</td>
                    <td class="num">${r.unqualifiedSpotChecks}</td>
                    <td class="num">${r.openReinspections}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
        <p class="muted small">
          报送状态：已按期报送（截止前报送）、逾期报送、逾期未报、待报送（已进入提醒期）、未到期。销号率
          = 已销号隐患 ÷ 全部隐患。
        </p>
      </section>
      <section>
        <h2>逾期清单</h2>
        ${
          data.overdue.hazards.length === 0 && data.overdue.duties.length === 0
            ? html`<p class="muted">目前没有逾期事项。</p>`
            : html`<table class="overdue">
                <thead>
                  <tr>
                    <th>类型</th>
                    <th>实施单位</th>
                    <th>事项</th>
                    <th>截止时间</th>
                  </tr>
                </thead>
                <tbody>
                  ${data.overdue.hazards.map(
                    (h) =>
                      html`<tr>
                        <td>${badge('隐患逾期未整改', 'overdue')}</td>
                        <td>${h.unit.shortName}</td>
                        <td>
                          <a href="/dashboard/hazards/${h.id}"
                            >${h.enterprise.name}：${h.description}</a
                          >
                        </td>
                        <td>${describeDeadline(campaign, h.deadline)}</td>
                      </tr>`,
                  )}
                  ${data.overdue.duties.map(
                    (d) =>
                      html`<tr>
                        <td>${badge('逾期未报', 'overdue')}</td>
                        <td>${d.unit.shortName}</td>
                        <td><a href="/dashboard/duties/${d.id}">${d.deadline.name}</a></td>
                        <td>${describeDeadline(campaign, d.dueAt)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }
      </section>
      <section>
        <h2>隐患发现与销号趋势</h2>
        ${hazardChart(data.buckets)}
      </section>`,
  });
}

// ---------------------------------------------------------------------------------------------
// A unit
// ---------------------------------------------------------------------------------------------

export function unitPage(
  ctx: PageContext,
  data: {
    unit: { id: string; name: string; listedSupervision: boolean };
    enterprises: {
      id: string;
      name: string;
      creditCode: string;
      open: number;
      overdue: number;
      total: number;
    }[];
    enterpriseTotal: number;
    duties: Prisma.UnitDutyGetPayload<{ include: { deadline: true } }>[];
    followUps: Prisma.FollowUpTaskGetPayload<{ include: { enterprise: true } }>[];
  },
): Html {
  const campaign = ctx.campaign;
  const city = ctx.user.role !== 'unit_officer';
  return layout({
    title: data.unit.name,
    user: ctx.user,
    csrfToken: ctx.csrfToken,
    crumbs: [
      { href: withCampaign('/dashboard', campaign), label: city ? '全市概览' : '本单位概览' },
      { label: data.unit.name },
    ],
    body: html` <section>
        <h2>${data.unit.name} ${data.unit.listedSupervision ? badge('挂牌督办', 'listed') : ''}</h2>
        ${
          campaign
            ? html`<p class="muted">${campaign.name}</p>
                ${downloads(campaign, data.unit.id)}`
            : ''
        }
      </section>
      <section>
        <h2>报送任务</h2>
        ${
          data.duties.length === 0
            ? html`<p class="muted">暂无报送任务。</p>`
            : html`<table>
                <thead>
                  <tr>
                    <th>任务</th>
                    <th>截止时间</th>
                    <th>状态</th>
                    <th>报送时间</th>
                  </tr>
                </thead>
                <tbody>
                  ${data.duties.map((d) => {
                    const state = campaign ? dutyState(d, campaign, ctx.now) : 'not_due';
                    return html`<tr>
                      <td><a href="/dashboard/duties/${d.id}">${d.deadline.name}</a></td>
                      <td>${describeDeadline(campaign, d.dueAt)}</td>
                      <td>${badge(DUTY_STATE_NAMES[state], DUTY_STATE_TONES[state])}</td>
                      <td>${d.submittedAt ? describeInstant(campaign, d.submittedAt) : '—'}</td>
                    </tr>`;
                  })}
                </tbody>
              </table>`
        }
      </section>
      <section>
        <h2>企业及隐患整改情况</h2>
        <p class="muted small">
          共登记企业 ${data.enterpriseTotal}
          家${data.enterprises.length < data.enterpriseTotal ? `，以下列出有隐患的企业及前 ${data.enterprises.length} 家` : ''}。
        </p>
        <table class="enterprises">
          <thead>
            <tr>
              <th>企业名称</th>
              <th>统一社会信用代码</th>
              <th class="num">隐患总数</th>
              <th class="num">未销号</th>
              <th class="num">逾期</th>
            </tr>
          </thead>
          <tbody>
            ${data.enterprises.map(
              (e) =>
                html`<tr>
                  <td>
                    <a href="${withCampaign(`/dashboard/enterprises/${e.id}`, campaign)}"
                      >${e.name}</a
                    >
                  </td>
                  <td>${e.creditCode}</td>
                  <td class="num">${e.total}</td>
                  <td class="num">${e.open}</td>
                  <td class="num">
                    ${e.overdue > 0 ? html`<b style="color:var(--bad)">${e.overdue}</b>` : 0}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </section>
      <section>
        <h2>跟进任务（专门现场检查、约谈）</h2>
        ${followUpTable(ctx, data.followUps)}
      </section>`,
  });
}

function followUpTable(
  ctx: PageContext,
  rows: Prisma.FollowUpTaskGetPayload<{ include: { enterprise: true } }>[],
): Html {
  if (rows.length === 0) return html`<p class="muted">暂无跟进任务。</p>`;
  return html`<table>
    <thead>
      <tr>
        <th>类型</th>
        <th>企业</th>
        <th>原因</th>
        <th>办理期限</th>
        <th>状态</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map((f) => {
        const overdue = isFollowUpOverdue(f, ctx.now);
        return html`<tr>
          <td><a href="/dashboard/follow-ups/${f.id}">${FOLLOW_UP_KIND_NAMES[f.kind]}</a></td>
          <td>${f.enterprise.name}</td>
          <td>${f.reason}</td>
          <td>${describeDeadline(ctx.campaign, f.dueAt)}</td>
          <td>
            ${badge(FOLLOW_UP_STATUS_NAMES[f.status], f.status === 'done' ? 'ok' : f.status === 'cancelled' ? 'future' : overdue ? 'overdue' : 'pending')}${overdue ? html` ${badge('已逾期', 'overdue')}` : ''}
          </td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

// ---------------------------------------------------------------------------------------------
// An enterprise, its hazards and the reminders sent
// ---------------------------------------------------------------------------------------------

type HazardWithCategory = Prisma.HazardGetPayload<{
  include: { category: true; submissions: true };
}>;

function reminderList(reminders: Prisma.ReminderModel[]): Html {
  if (reminders.length === 0) return html`<p class="muted small">尚未发送提醒。</p>`;
  return html`<table class="reminders">
    <thead>
      <tr>
        <th>提醒邮件</th>
        <th>收件人</th>
        <th>抄送</th>
        <th>发送时间</th>
      </tr>
    </thead>
    <tbody>
      ${reminders.map(
        (r) =>
          html`<tr>
            <td>${r.subject}</td>
            <td>${r.recipients.join('、') || '—'}</td>
            <td>${r.cc.join('、') || '—'}</td>
            <td>${r.sentAt ? describeInstant(null, r.sentAt) : REMINDER_STATUS_NAMES[r.status]}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function enterprisePage(
  ctx: PageContext,
  data: {
    enterprise: Prisma.EnterpriseGetPayload<{ include: { unit: true; contacts: true } }>;
    hazards: HazardWithCategory[];
    reminders: Prisma.ReminderModel[];
  },
): Html {
  const { enterprise } = data;
  const campaign = ctx.campaign;
  const city = ctx.user.role !== 'unit_officer';
  const type = [enterprise.isProducer ? '生产企业' : '', enterprise.isSeller ? '销售企业' : '']
    .filter(Boolean)
    .join('、');
  return layout({
    title: enterprise.name,
    user: ctx.user,
    csrfToken: ctx.csrfToken,
    crumbs: [
      { href: withCampaign('/dashboard', campaign), label: city ? '全市概览' : '本单位概览' },
      {
        href: withCampaign(`/dashboard/units/${enterprise.unitId}`, campaign),
        label: enterprise.unit.name,
      },
      { label: enterprise.name },
    ],
    body: html` <section>
        <h2>${enterprise.name}</h2>
        <dl class="facts">
          <dt>统一社会信用代码</dt>
          <dd>${enterprise.creditCode}</dd>
          <dt>企业类型</dt>
          <dd>${type || '—'}</dd>
          <dt>地址</dt>
          <dd>${enterprise.address}</dd>
          <dt>主营产品</dt>
          <dd>${enterprise.products.join('、') || '—'}</dd>
          <dt>联系人</dt>
          <dd>
            ${enterprise.contacts.map((c) => `${c.name}${c.email ? `（${c.email}）` : ''}`).join('、') || '—'}
          </dd>
        </dl>
      </section>
      <section>
        <h2>隐患及整改情况</h2>
        ${
          data.hazards.length === 0
            ? html`<p class="muted">该企业在本专项行动中没有登记隐患。</p>`
            : data.hazards.map(
                (h) =>
                  html`<div class="hazard" id="hazard-${h.id}">
                    <p>
                      <a href="/dashboard/hazards/${h.id}"><b>${h.description}</b></a>
                      ${hazardStatusBadge(h, ctx.now)}
                      ${badge(`${SEVERITIES[h.severity]}隐患`, 'future')}
                    </p>
                    <p class="small">
                      产品类别：${h.category.name}${h.product ? `（${h.product}）` : ''} ·
                      整改措施：${h.measure} · 责任人：${h.responsiblePerson}<br />
                      发现时间：${describeInstant(campaign, h.foundAt)} · 整改期限：<b
                        >${describeDeadline(campaign, h.deadline)}</b
                      >
                      ${h.closedAt ? html` · 销号时间：${describeInstant(campaign, h.closedAt)}` : ''}
                    </p>
                    <h3 class="small">已发送的提醒</h3>
                    ${reminderList(data.reminders.filter((r) => r.subjectId === h.id))}
                  </div>`,
              )
        }
      </section>`,
  });
}

// ---------------------------------------------------------------------------------------------
// One hazard (and the enterprise's rectification form)
// ---------------------------------------------------------------------------------------------

export interface FormState {
  description?: string;
  attachments?: string;
  issues?: { path: string; message: string }[];
}

export function rectificationForm(
  ctx: PageContext,
  hazard: { id: string; version: number; status: string },
  from: 'home' | 'hazard',
  state: FormState = {},
): Html {
  if (hazard.status !== 'open' && hazard.status !== 'rectifying') return '';
  const issue = (path: string) =>
    state.issues
      ?.filter((i) => i.path === path || i.path.startsWith(`${path}.`))
      .map((i) => html`<div class="flash err small">${i.message}</div>`);
  return html`<form
    method="post"
    action="/dashboard/hazards/${hazard.id}/submissions"
    class="rectify"
  >
    <input type="hidden" name="_csrf" value="${ctx.csrfToken}" />
    <input type="hidden" name="version" value="${hazard.version}" />
    <input type="hidden" name="from" value="${from}" />
    <label for="description-${hazard.id}">整改情况说明</label>
    ${issue('description')}
    <textarea id="description-${hazard.id}" name="description" required>
${state.description ?? ''}</textarea>
    <label for="attachments-${hazard.id}">整改证明材料链接（可选，每行一个：名称 空格 链接）</label>
    ${issue('attachments')}
    <textarea
      id="attachments-${hazard.id}"
      name="attachments"
      placeholder="整改照片 https://files.example.com/photo.jpg"
    >
${state.attachments ?? ''}</textarea>
    <button class="primary" type="submit">提交整改材料</button>
  </form>`;
}

export function hazardPage(
  ctx: PageContext,
  hazard: {
    id: string;
    unitId: string;
    unitName: string;
    enterpriseId: string;
    enterpriseName: string;
    categoryName: string;
    product: string | null;
    sourceName: string;
    problemTypeName: string;
    severityName: string;
    description: string;
    measure: string;
    responsiblePerson: string;
    foundAt: string;
    deadline: string;
    status: keyof typeof HAZARD_STATUSES;
    closedAt: string | null;
    version: number;
    submissions: {
      id: string;
      submittedAt: string;
      description: string;
      attachments: { name: string; url: string }[];
      statusName: string;
      reviewNote: string | null;
    }[];
  },
  reminders: Prisma.ReminderModel[],
  form?: FormState,
): Html {
  const campaign = ctx.campaign;
  const enterpriseUser = ctx.user.role === 'enterprise_user';
  const deadline = new Date(hazard.deadline);
  return layout({
    title: '隐患详情',
    user: ctx.user,
    csrfToken: ctx.csrfToken,
    crumbs: enterpriseUser
      ? [{ href: '/dashboard', label: '本企业隐患' }, { label: '隐患详情' }]
      : [
          {
            href: '/dashboard',
            label: ctx.user.role === 'unit_officer' ? '本单位概览' : '全市概览',
          },
          { href: `/dashboard/units/${hazard.unitId}`, label: hazard.unitName },
          { href: `/dashboard/enterprises/${hazard.enterpriseId}`, label: hazard.enterpriseName },
          { label: '隐患详情' },
        ],
    body: html` ${flash('ok', ctx.ok)}${flash('err', ctx.error)}
      <section>
        <h2>
          ${hazard.description} ${hazardStatusBadge({ status: hazard.status, deadline }, ctx.now)}
        </h2>
        <dl class="facts">
          <dt>企业</dt>
          <dd>${hazard.enterpriseName}</dd>
          <dt>实施单位</dt>
          <dd>${hazard.unitName}</dd>
          <dt>产品类别</dt>
          <dd>${hazard.categoryName}${hazard.product ? `（${hazard.product}）` : ''}</dd>
          <dt>问题类型</dt>
          <dd>${hazard.problemTypeName}</dd>
          <dt>隐患等级</dt>
          <dd>${hazard.severityName}</dd>
          <dt>来源</dt>
          <dd>${hazard.sourceName}</dd>
          <dt>整改措施</dt>
          <dd>${hazard.measure}</dd>
          <dt>整改责任人</dt>
          <dd>${hazard.responsiblePerson}</dd>
          <dt>发现时间</dt>
          <dd>${describeInstant(campaign, new Date(hazard.foundAt))}</dd>
          <dt>整改期限</dt>
          <dd><b>${describeDeadline(campaign, deadline)}</b></dd>
          <dt>销号时间</dt>
          <dd>${hazard.closedAt ? describeInstant(campaign, new Date(hazard.closedAt)) : '—'}</dd>
        </dl>
      </section>
      ${
        enterpriseUser && (hazard.status === 'open' || hazard.status === 'rectifying')
          ? html`<section>
              <h2>提交整改材料</h2>
              ${rectificationForm(ctx, hazard, 'hazard', form)}
            </section>`
          : ''
      }
      <section>
        <h2>整改材料</h2>
        ${
          hazard.submissions.length === 0
            ? html`<p class="muted">尚未提交整改材料。</p>`
            : html`<table>
                <thead>
                  <tr>
                    <th>提交时间</th>
                    <th>整改情况说明</th>
                    <th>附件</th>
                    <th>核查结论</th>
                  </tr>
                </thead>
                <tbody>
                  ${hazard.submissions.map(
                    (s) =>
                      html`<tr>
                        <td>${describeInstant(campaign, new Date(s.submittedAt))}</td>
                        <td>${s.description}</td>
                        <td>
                          ${s.attachments.map((a) => html`<a href="${a.url}" rel="noopener noreferrer">${a.name}</a> `)}
                        </td>
                        <td>${s.statusName}${s.reviewNote ? `：${s.reviewNote}` : ''}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }
      </section>
      <section>
        <h2>已发送的提醒</h2>
        ${reminderList(reminders)}
      </section>`,
  });
}

// ---------------------------------------------------------------------------------------------
// Duties and follow-up tasks
// ---------------------------------------------------------------------------------------------

export function dutyPage(
  ctx: PageContext,
  duty: Prisma.UnitDutyGetPayload<{ include: { unit: true; deadline: true; submissions: true } }>,
  reminders: Prisma.ReminderModel[],
): Html {
  const campaign = ctx.campaign;
  const state = campaign ? dutyState(duty, campaign, ctx.now) : 'not_due';
  const statsUrl =
    duty.deadline.kind === 'monthly_statistics'
      ? `/dashboard/campaigns/${encodeURIComponent(duty.campaignId)}/statistics?unit=${encodeURIComponent(duty.unitId)}&period=${duty.deadline.period}&format=xlsx`
      : null;
  return layout({
    title: duty.deadline.name,
    user: ctx.user,
    csrfToken: ctx.csrfToken,
    crumbs: [
      { href: '/dashboard', label: ctx.user.role === 'unit_officer' ? '本单位概览' : '全市概览' },
      { href: `/dashboard/units/${duty.unitId}`, label: duty.unit.name },
      { label: duty.deadline.name },
    ],
    body: html` <section>
        <h2>
          ${duty.unit.name} · ${duty.deadline.name}
          ${badge(DUTY_STATE_NAMES[state], DUTY_STATE_TONES[state])}
        </h2>
        <dl class="facts">
          <dt>报送期限</dt>
          <dd>${describeDeadline(campaign, duty.dueAt)}</dd>
          <dt>报送时间</dt>
          <dd>${duty.submittedAt ? describeInstant(campaign, duty.submittedAt) : '未报送'}</dd>
          ${
            statsUrl
              ? html`<dt>统计表</dt>
                  <dd><a href="${statsUrl}">下载统计表（XLSX）</a></dd>`
              : ''
          }
        </dl>
      </section>
      <section>
        <h2>报送记录</h2>
        ${
          duty.submissions.length === 0
            ? html`<p class="muted">尚未报送。</p>`
            : html`<table>
                <thead>
                  <tr>
                    <th>版本</th>
                    <th>报送时间</th>
                    <th>内容</th>
                    <th>更正原因</th>
                  </tr>
                </thead>
                <tbody>
                  ${duty.submissions.map(
                    (s) =>
                      html`<tr>
                        <td>第 ${s.version} 版</td>
                        <td>${describeInstant(campaign, s.submittedAt)}</td>
                        <td>${s.text ?? (s.statistics ? '统计表（已冻结快照）' : '—')}</td>
                        <td>${s.reason ?? '—'}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }
      </section>
      <section>
        <h2>已发送的提醒</h2>
        ${reminderList(reminders)}
      </section>`,
  });
}

export function followUpPage(
  ctx: PageContext,
  task: Prisma.FollowUpTaskGetPayload<{ include: { unit: true; enterprise: true } }>,
  reminders: Prisma.ReminderModel[],
): Html {
  return layout({
    title: FOLLOW_UP_KIND_NAMES[task.kind],
    user: ctx.user,
    csrfToken: ctx.csrfToken,
    crumbs: [
      { href: '/dashboard', label: ctx.user.role === 'unit_officer' ? '本单位概览' : '全市概览' },
      { href: `/dashboard/units/${task.unitId}`, label: task.unit.name },
      { label: FOLLOW_UP_KIND_NAMES[task.kind] },
    ],
    body: html` <section>
        <h2>${FOLLOW_UP_KIND_NAMES[task.kind]}：${task.enterprise.name}</h2>
        <dl class="facts">
          <dt>原因</dt>
          <dd>${task.reason}</dd>
          <dt>办理期限</dt>
          <dd>${describeDeadline(ctx.campaign, task.dueAt)}</dd>
          <dt>状态</dt>
          <dd>${FOLLOW_UP_STATUS_NAMES[task.status]}</dd>
          <dt>办结时间</dt>
          <dd>${task.closedAt ? describeInstant(ctx.campaign, task.closedAt) : '—'}</dd>
          <dt>办结说明</dt>
          <dd>${task.closingNote ?? '—'}</dd>
          ${
            task.hazardId
              ? html`<dt>相关隐患</dt>
                  <dd><a href="/dashboard/hazards/${task.hazardId}">查看隐患</a></dd>`
              : ''
          }
          <dt>企业</dt>
          <dd><a href="/dashboard/enterprises/${task.enterpriseId}">${task.enterprise.name}</a></dd>
        </dl>
      </section>
      <section>
        <h2>已发送的提醒</h2>
        ${reminderList(reminders)}
      </section>`,
  });
}

// ---------------------------------------------------------------------------------------------
// Enterprise users: their hazards, deadlines and the evidence form
// ---------------------------------------------------------------------------------------------

export function enterpriseHome(
  ctx: PageContext,
  data: {
    enterprise: { name: string } | null;
    hazards: HazardWithCategory[];
    form?: { hazardId: string; state: FormState };
  },
): Html {
  const open = data.hazards.filter((h) => h.status !== 'closed');
  return layout({
    title: '本企业隐患',
    user: ctx.user,
    csrfToken: ctx.csrfToken,
    body: html` ${flash('ok', ctx.ok)}${flash('err', ctx.error)}
      <section>
        <h2>${data.enterprise?.name ?? '本企业'} · 隐患整改</h2>
        <p class="muted">
          共 ${data.hazards.length} 条隐患，其中未销号 ${open.length}
          条。请在整改期限前完成整改并提交整改材料。
        </p>
      </section>
      ${data.hazards.map(
        (h) =>
          html`<section class="hazard-card" id="hazard-${h.id}">
            <h2>
              <a href="/dashboard/hazards/${h.id}">${h.description}</a>
              ${hazardStatusBadge(h, ctx.now)}
            </h2>
            <p class="small">
              产品类别：${h.category.name}${h.product ? `（${h.product}）` : ''} ·
              整改措施：${h.measure} · 责任人：${h.responsiblePerson}<br />
              整改期限：<b>${describeDeadline(ctx.campaign, h.deadline)}</b>
            </p>
            ${
              h.submissions.length > 0
                ? html`<p class="small muted">
                    已提交整改材料 ${h.submissions.length}
                    次，最近一次：${describeInstant(ctx.campaign, h.submissions.at(-1)!.submittedAt)}
                  </p>`
                : ''
            }
            ${rectificationForm(ctx, h, 'home', data.form?.hazardId === h.id ? data.form.state : {})}
          </section>`,
      )}`,
  });
}
