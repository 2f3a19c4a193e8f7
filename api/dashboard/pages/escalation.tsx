import { DomainError } from '../../../domain/errors.js';
import type { FieldIssue } from '../../contracts/common.js';
import { CreateEscalationActionSchema } from '../../contracts/escalation-actions.js';
import {
  listEscalationActions,
  recordEscalationAction,
} from '../../services/records/escalation-actions.js';
import { getHazard } from '../../services/records/hazards.js';
import { remindersOf } from '../../services/timeline/reminders.js';
import { HazardStatusBadge } from '../components/badges.js';
import { EscalationActionTable } from '../components/escalation-actions.js';
import { Flash } from '../components/flash.js';
import {
  DateField,
  Form,
  SubmitButton,
  TextareaField,
  type FormState,
} from '../components/forms.js';
import { Layout } from '../components/layout.js';
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

// The page the 【逾期升级】 e-mail links to: the escalated hazard's facts and history, the city's
// 督办 records, and for the city admin and city supervisors the form to record what the city did.
// The hazard's unit reads it; everyone else gets 404 (the service decides).

export interface Data {
  hazard: Awaited<ReturnType<typeof getHazard>>;
  actions: Awaited<ReturnType<typeof listEscalationActions>>['items'];
  reminders: Awaited<ReturnType<typeof remindersOf>>;
  escalatedAt: Date | null;
  overdueSince: Date | null;
  campaign: PageContext['campaign'];
}

export async function load(c: Ctx, ctx: PageContext): Promise<Data> {
  const id = c.req.param('id') ?? '';
  const { deps } = c.var;
  // Scope first: the escalation records decide who may see this page at all.
  const { items: actions } = await listEscalationActions(deps, ctx.user, { hazardId: id });
  const hazard = await getHazard(deps, ctx.user, { id });
  const marks = await deps.db.prisma.hazard.findUniqueOrThrow({
    where: { id },
    select: { escalatedAt: true, overdueSince: true },
  });
  const reminders = await remindersOf(deps.db.prisma, 'hazard', id);
  const campaign =
    ctx.campaign?.id === hazard.campaignId
      ? ctx.campaign
      : (await loadCampaign(deps.db.prisma, hazard.campaignId)).campaign;
  return { hazard, actions, reminders, ...marks, campaign };
}

export function View({ ctx, data, form }: { ctx: PageContext; data: Data; form?: FormState }) {
  const { hazard, campaign } = data;
  const mayRecord = ctx.user.role === 'city_admin' || ctx.user.role === 'city_supervisor';
  return (
    <Layout
      title="逾期升级督办"
      user={ctx.user}
      csrfToken={ctx.csrfToken}
      crumbs={[
        { href: '/dashboard', label: homeLabel(ctx.user) },
        { href: `/dashboard/units/${hazard.unitId}`, label: hazard.unitName },
        { href: `/dashboard/hazards/${hazard.id}`, label: '隐患详情' },
        { label: '逾期升级督办' },
      ]}
    >
      <Flash kind="ok" text={ctx.ok} />
      <Flash kind="err" text={ctx.error} />
      <section>
        <h2>
          【逾期升级】{hazard.enterpriseName}：{hazard.description}{' '}
          <HazardStatusBadge
            hazard={{ status: hazard.status, deadline: new Date(hazard.deadline) }}
            now={ctx.now}
          />
        </h2>
        <dl class="facts">
          <dt>实施单位</dt>
          <dd>{hazard.unitName}</dd>
          <dt>企业</dt>
          <dd>
            <a href={`/dashboard/enterprises/${hazard.enterpriseId}`}>{hazard.enterpriseName}</a>
          </dd>
          <dt>产品类别</dt>
          <dd>{hazard.categoryName}</dd>
          <dt>隐患等级</dt>
          <dd>{hazard.severityName}</dd>
          <dt>整改措施</dt>
          <dd>{hazard.measure}</dd>
          <dt>整改责任人</dt>
          <dd>{hazard.responsiblePerson}</dd>
          <dt>发现时间</dt>
          <dd>{describeInstant(campaign, new Date(hazard.foundAt))}</dd>
          <dt>整改期限</dt>
          <dd>
            <b>{describeDeadline(campaign, new Date(hazard.deadline))}</b>
          </dd>
          <dt>逾期起始</dt>
          <dd>{data.overdueSince ? describeInstant(campaign, data.overdueSince) : '—'}</dd>
          <dt>升级至市局</dt>
          <dd class="escalated-at">
            {data.escalatedAt ? describeInstant(campaign, data.escalatedAt) : '尚未升级'}
          </dd>
        </dl>
      </section>
      <section>
        <h2>市局督办记录</h2>
        <EscalationActionTable campaign={campaign} actions={data.actions} />
      </section>
      {mayRecord && data.escalatedAt && (
        <section>
          <h2>记录督办情况</h2>
          <Form action={`/dashboard/escalations/${hazard.id}/actions`} csrfToken={ctx.csrfToken}>
            <TextareaField name="instruction" label="督办指令" state={form} required />
            <TextareaField name="note" label="备注" state={form} />
            <DateField name="followUpDate" label="跟进日期" state={form} />
            <SubmitButton>记录督办</SubmitButton>
          </Form>
        </section>
      )}
      <section>
        <h2>整改材料及核查</h2>
        {hazard.submissions.length === 0 ? (
          <p class="muted">企业尚未提交整改材料。</p>
        ) : (
          <ul>
            {hazard.submissions.map((s) => (
              <li>
                {describeInstant(campaign, new Date(s.submittedAt))}：{s.description}（
                {s.statusName}
                {s.reviewNote && `：${s.reviewNote}`}）
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2>提醒与通知记录</h2>
        <ReminderList reminders={data.reminders} />
      </section>
    </Layout>
  );
}

async function postAction(c: Ctx) {
  const body = await checkedForm(c);
  if (!body) return forbiddenPage(c, EXPIRED_FORM);
  const ctx = await pageContext(c);
  const id = c.req.param('id') ?? '';
  const values = {
    instruction: body.instruction,
    note: body.note,
    followUpDate: body.followUpDate,
  };
  const back = async (error: string, issues: FieldIssue[], status: 400 | 409) => {
    const withError = { ...ctx, error };
    const data = await load(c, withError);
    return render(c, <View ctx={withError} data={data} form={{ values, issues }} />, status);
  };
  const parsed = CreateEscalationActionSchema.safeParse(
    formInput(CreateEscalationActionSchema, body),
  );
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return back('提交未成功，请按提示修改后重试。', issues, 400);
  }
  try {
    await recordEscalationAction(c.var.deps, ctx.user, { hazardId: id, ...parsed.data });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'VALIDATION_FAILED') {
      const issues = Array.isArray(error.details) ? (error.details as FieldIssue[]) : [];
      return back('提交未成功，请按提示修改后重试。', issues, 400);
    }
    if (error instanceof DomainError && error.code === 'CONFLICT') {
      return back(`提交未成功：${error.message}`, [], 409);
    }
    throw error;
  }
  return c.redirect(`/dashboard/escalations/${encodeURIComponent(id)}?ok=escalation_action`, 303);
}

export function register(router: DashboardRouter) {
  router.post('/dashboard/escalations/:id/actions', requireSession, postAction);
}
