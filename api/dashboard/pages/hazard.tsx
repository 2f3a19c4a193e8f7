import { DomainError } from '../../../domain/errors.js';
import type { FieldIssue } from '../../contracts/common.js';
import {
  ExtendHazardSchema,
  SubmitHazardSchema,
  VerifyHazardSchema,
} from '../../contracts/hazards.js';
import {
  extendDeadline,
  getHazard,
  submitRectification,
  verifyRectification,
} from '../../services/records/hazards.js';
import { attempt, deadlineOfDate } from '../form-action.js';
import { HazardOfficerForms } from '../components/hazard-officer-forms.js';
import { remindersOf } from '../../services/timeline/reminders.js';
import { HazardStatusBadge } from '../components/badges.js';
import { EscalationActionTable } from '../components/escalation-actions.js';
import { Flash } from '../components/flash.js';
import type { FormState } from '../components/forms.js';
import { Layout } from '../components/layout.js';
import { RectificationForm } from '../components/rectification-form.js';
import { ReminderList } from '../components/reminder-list.js';
import { checkedForm, formInput } from '../form-post.js';
import {
  EXPIRED_FORM,
  forbiddenPage,
  homeLabel,
  pageContext,
  render,
  type Ctx,
  type DashboardRouter,
  type PageContext,
} from '../page.js';
import { describeDeadline, describeInstant, loadCampaign } from '../queries.js';
import { requireSession } from '../session.js';
import * as enterpriseHome from './enterprise-home.js';

// One hazard: its facts, the rectification evidence submitted, the reminders sent; for the
// enterprise user, the evidence form (posted to the same service as the JSON API).

export interface Data {
  hazard: Awaited<ReturnType<typeof getHazard>>;
  /** Names of the people who submitted and reviewed, by user id. */
  people: Map<string, string>;
  /** Deadline extensions and edits (audit rows): who, when, why. */
  history: { at: Date; actorId: string; action: string; reason: string | null }[];
  reminders: Awaited<ReturnType<typeof remindersOf>>;
  /** The hazard's own campaign (dates are described in its calendar). */
  campaign: PageContext['campaign'];
}

export async function load(c: Ctx, ctx: PageContext): Promise<Data> {
  const id = c.req.param('id') ?? '';
  const hazard = await getHazard(c.var.deps, ctx.user, { id });
  const reminders = await remindersOf(c.var.deps.db.prisma, 'hazard', id);
  const campaign =
    ctx.campaign?.id === hazard.campaignId
      ? ctx.campaign
      : (await loadCampaign(c.var.deps.db.prisma, hazard.campaignId)).campaign;
  const { prisma } = c.var.deps.db;
  const history = await prisma.auditLog.findMany({
    where: { entity: 'hazard', entityId: id },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
    select: { at: true, actorId: true, action: true, reason: true },
  });
  const ids = [
    ...hazard.submissions.flatMap((s) => [s.submittedById, s.reviewedById ?? '']),
    ...history.map((h) => h.actorId),
  ];
  const users = await prisma.user.findMany({
    where: { id: { in: [...new Set(ids)].filter(Boolean) } },
    select: { id: true, name: true },
  });
  const people = new Map(users.map((u) => [u.id, u.name]));
  return { hazard, reminders, campaign, people, history };
}

/** The officer forms' states after a rejected post (one form is rejected at a time). */
export interface OfficerFormStates {
  verify?: FormState;
  extend?: FormState;
}

const ACTION_NAMES: Record<string, string> = {
  create: '登记',
  update: '修改',
  start: '开始整改',
  submit: '提交整改材料',
  accept: '核查通过（销号）',
  reject: '退回整改',
  extend: '延长整改期限',
};

export function View({
  ctx,
  data,
  form,
  officer,
}: {
  ctx: PageContext;
  data: Data;
  form?: FormState;
  officer?: OfficerFormStates;
}) {
  const { hazard, campaign } = data;
  const enterpriseUser = ctx.user.role === 'enterprise_user';
  const deadline = new Date(hazard.deadline);
  return (
    <Layout
      title="隐患详情"
      user={ctx.user}
      csrfToken={ctx.csrfToken}
      crumbs={
        enterpriseUser
          ? [{ href: '/dashboard', label: '本企业隐患' }, { label: '隐患详情' }]
          : [
              { href: '/dashboard', label: homeLabel(ctx.user) },
              { href: `/dashboard/units/${hazard.unitId}`, label: hazard.unitName },
              {
                href: `/dashboard/enterprises/${hazard.enterpriseId}`,
                label: hazard.enterpriseName,
              },
              { label: '隐患详情' },
            ]
      }
    >
      <Flash kind="ok" text={ctx.ok} />
      <Flash kind="err" text={ctx.error} />
      <section>
        <h2>
          {hazard.description}{' '}
          <HazardStatusBadge hazard={{ status: hazard.status, deadline }} now={ctx.now} />
        </h2>
        <dl class="facts">
          <dt>企业</dt>
          <dd>{hazard.enterpriseName}</dd>
          <dt>实施单位</dt>
          <dd>{hazard.unitName}</dd>
          <dt>产品类别</dt>
          <dd>
            {hazard.categoryName}
            {hazard.product && `（${hazard.product}）`}
          </dd>
          <dt>问题类型</dt>
          <dd>{hazard.problemTypeName}</dd>
          <dt>隐患等级</dt>
          <dd>{hazard.severityName}</dd>
          <dt>来源</dt>
          <dd>{hazard.sourceName}</dd>
          <dt>整改措施</dt>
          <dd>{hazard.measure}</dd>
          <dt>整改责任人</dt>
          <dd>{hazard.responsiblePerson}</dd>
          <dt>发现时间</dt>
          <dd>{describeInstant(campaign, new Date(hazard.foundAt))}</dd>
          <dt>整改期限</dt>
          <dd>
            <b>{describeDeadline(campaign, deadline)}</b>
          </dd>
          <dt>销号时间</dt>
          <dd>{hazard.closedAt ? describeInstant(campaign, new Date(hazard.closedAt)) : '—'}</dd>
          {hazard.inspectionId && (
            <>
              <dt>现场检查</dt>
              <dd>
                <a href={`/dashboard/inspections/${hazard.inspectionId}`}>查看现场检查记录</a>
              </dd>
            </>
          )}
        </dl>
        {!enterpriseUser && ['open', 'rectifying', 'submitted'].includes(hazard.status) && (
          <p class="small">
            <a href={`/dashboard/hazards/${hazard.id}/edit`}>修改隐患内容</a>
          </p>
        )}
      </section>
      {!enterpriseUser && (
        <HazardOfficerForms ctx={ctx} hazard={hazard} campaign={campaign} states={officer} />
      )}
      {enterpriseUser && (hazard.status === 'open' || hazard.status === 'rectifying') && (
        <section>
          <h2>提交整改材料</h2>
          <RectificationForm csrfToken={ctx.csrfToken} hazard={hazard} from="hazard" state={form} />
        </section>
      )}
      <section>
        <h2>整改材料</h2>
        {hazard.submissions.length === 0 ? (
          <p class="muted">尚未提交整改材料。</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>提交时间</th>
                <th>提交人</th>
                <th>整改情况说明</th>
                <th>附件</th>
                <th>核查结论</th>
                <th>核查人及时间</th>
              </tr>
            </thead>
            <tbody>
              {hazard.submissions.map((s) => (
                <tr>
                  <td>{describeInstant(campaign, new Date(s.submittedAt))}</td>
                  <td>{data.people.get(s.submittedById) ?? '—'}</td>
                  <td>{s.description}</td>
                  <td>
                    {s.attachments.map((a) => (
                      <>
                        <a href={a.url} rel="noopener noreferrer">
                          {a.name}
                        </a>{' '}
                      </>
                    ))}
                  </td>
                  <td>
                    {s.statusName}
                    {s.reviewNote && `：${s.reviewNote}`}
                  </td>
                  <td>
                    {s.reviewedAt
                      ? `${data.people.get(s.reviewedById ?? '') ?? '—'}，${describeInstant(campaign, new Date(s.reviewedAt))}`
                      : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {hazard.escalationActions && hazard.escalationActions.length > 0 && (
        <section>
          <h2>
            市局督办记录（<a href={`/dashboard/escalations/${hazard.id}`}>逾期升级督办</a>）
          </h2>
          <EscalationActionTable campaign={campaign} actions={hazard.escalationActions} />
        </section>
      )}
      <section>
        <h2>操作记录</h2>
        <table class="history">
          <thead>
            <tr>
              <th>时间</th>
              <th>操作人</th>
              <th>操作</th>
              <th>理由</th>
            </tr>
          </thead>
          <tbody>
            {data.history.map((h) => (
              <tr>
                <td>{describeInstant(campaign, h.at)}</td>
                <td>{data.people.get(h.actorId) ?? '—'}</td>
                <td>{ACTION_NAMES[h.action] ?? h.action}</td>
                <td>{h.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h2>已发送的提醒</h2>
        <ReminderList reminders={data.reminders} />
      </section>
    </Layout>
  );
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

/** The enterprise user's evidence post, from the hazard page or the enterprise home. */
async function submitEvidence(c: Ctx) {
  const fields = await checkedForm(c);
  if (!fields) return forbiddenPage(c, EXPIRED_FORM);
  const id = c.req.param('id') ?? '';
  const ctx = await pageContext(c);
  const from = fields.from === 'hazard' ? 'hazard' : 'home';
  const values = { description: fields.description ?? '', attachments: fields.attachments ?? '' };
  const back = async (error: string, issues: FieldIssue[] | undefined, status: 400 | 409) => {
    const withError = { ...ctx, error };
    const form: FormState = { values, issues };
    if (from === 'hazard' || ctx.user.role !== 'enterprise_user') {
      const data = await load(c, withError);
      return render(c, <View ctx={withError} data={data} form={form} />, status);
    }
    const data = await enterpriseHome.load(c, withError);
    return render(
      c,
      <enterpriseHome.View ctx={withError} data={data} form={{ hazardId: id, state: form }} />,
      status,
    );
  };
  const parsed = SubmitHazardSchema.safeParse({
    version: Number(fields.version),
    description: values.description,
    attachments: parseAttachments(values.attachments),
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      path: i.path.join('.'),
      message: i.message,
    }));
    return back('提交未成功，请按提示修改后重试。', issues, 400);
  }
  try {
    await submitRectification(c.var.deps, ctx.user, { ...parsed.data, id });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'CONFLICT') {
      return back(`提交未成功：${error.message}`, undefined, 409);
    }
    if (error instanceof DomainError && error.code === 'VALIDATION_FAILED') {
      const issues = Array.isArray(error.details) ? (error.details as FieldIssue[]) : [];
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
}

/**
 * The officer's 核查 (accept → 销号, or reject with a reason and perhaps a new deadline) and 延期,
 * through the same services as POST /api/hazards/:id/verify and /extend.
 */
async function officerAction(c: Ctx, kind: 'verify' | 'extend') {
  const fields = await checkedForm(c);
  if (!fields) return forbiddenPage(c, EXPIRED_FORM);
  const id = c.req.param('id') ?? '';
  const ctx = await pageContext(c);
  const { deps } = c.var;
  const posted = formInput(kind === 'verify' ? VerifyHazardSchema : ExtendHazardSchema, fields);
  for (const key of ['newDeadline', 'deadline']) {
    if (key in posted) posted[key] = deadlineOfDate(posted[key]);
  }
  const result =
    kind === 'verify'
      ? await attempt(
          VerifyHazardSchema,
          posted,
          (input) => verifyRectification(deps, ctx.user, { ...input, id }),
          '核查',
        )
      : await attempt(
          ExtendHazardSchema,
          posted,
          (input) => extendDeadline(deps, ctx.user, { ...input, id }),
          '延期',
        );
  if (!result.ok) {
    const withError = { ...ctx, error: result.error };
    const data = await load(c, withError);
    const officer = { [kind]: { values: fields, issues: result.issues } };
    return render(c, <View ctx={withError} data={data} officer={officer} />, result.status);
  }
  const ok =
    kind === 'extend' ? 'deadline_extended' : fields.decision === 'accept' ? 'closed' : 'rejected';
  return c.redirect(`/dashboard/hazards/${encodeURIComponent(id)}?ok=${ok}`, 303);
}

export function register(router: DashboardRouter) {
  router.post('/dashboard/hazards/:id/submissions', requireSession, submitEvidence);
  router.post('/dashboard/hazards/:id/verify', requireSession, (c) => officerAction(c, 'verify'));
  router.post('/dashboard/hazards/:id/extend', requireSession, (c) => officerAction(c, 'extend'));
}
