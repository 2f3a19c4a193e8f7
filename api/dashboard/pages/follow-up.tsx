import type { Prisma } from '../../../prisma/generated/client.js';
import { DomainError } from '../../../domain/errors.js';
import type { FieldIssue } from '../../contracts/common.js';
import { CloseFollowUpSchema } from '../../contracts/follow-ups.js';
import { CreateInterviewSchema } from '../../contracts/interviews.js';
import {
  closeFollowUp,
  fulfillingRecordChoices,
  getFollowUp,
} from '../../services/records/follow-ups.js';
import { createInterview } from '../../services/records/interviews.js';
import { FOLLOW_UP_KIND_NAMES, FOLLOW_UP_STATUS_NAMES } from '../../../domain/labels.js';
import { remindersOf } from '../../services/timeline/reminders.js';
import { Flash } from '../components/flash.js';
import {
  CheckboxField,
  DateTimeField,
  Form,
  SelectField,
  SubmitButton,
  TextareaField,
  type FormState,
} from '../components/forms.js';
import { Layout } from '../components/layout.js';
import { ReminderList } from '../components/reminder-list.js';
import { checkedForm } from '../form-post.js';
import {
  EXPIRED_FORM,
  forbiddenPage,
  homeLabel,
  notFound,
  pageContext,
  render,
  type Ctx,
  type DashboardRouter,
  type PageContext,
} from '../page.js';
import { describeDeadline, describeInstant, loadCampaign } from '../queries.js';
import { requireSession } from '../session.js';

// One follow-up task (专门现场检查 or 约谈) and its reminders; for the unit's officer, while it is
// open, the close form (#close) linking the inspection or interview record that fulfils it, and
// for an interview task the form recording the interview (可同时办结). Both post to the services
// of POST /api/follow-ups/:id/close and POST /api/interviews.

export interface Data {
  task: Prisma.FollowUpTaskGetPayload<{ include: { unit: true; enterprise: true } }>;
  reminders: Prisma.ReminderModel[];
  /** The task's own campaign. */
  campaign: PageContext['campaign'];
  /** Records that may fulfil the task (the enterprise's, since the task opened). */
  records: Awaited<ReturnType<typeof fulfillingRecordChoices>>;
  /** The campaign's product categories, for the interview form. */
  categories: { id: string; name: string }[];
  /** The hazard's category, the interview form's default. */
  hazardCategoryId: string | null;
  /** Whether the signed-in user may act on the task. */
  canWrite: boolean;
}

export async function load(c: Ctx, ctx: PageContext): Promise<Data> {
  if (ctx.user.role === 'enterprise_user') notFound();
  const id = c.req.param('id') ?? '';
  await getFollowUp(c.var.deps, ctx.user, { id }); // scoping: another unit's task is not found
  const { prisma } = c.var.deps.db;
  const task = await prisma.followUpTask.findUniqueOrThrow({
    where: { id },
    include: { unit: true, enterprise: true },
  });
  const [reminders, { campaign }, records, categories, hazard] = await Promise.all([
    remindersOf(prisma, 'task', id),
    loadCampaign(prisma, task.campaignId),
    fulfillingRecordChoices(c.var.deps, ctx.user, { id }),
    prisma.productCategory.findMany({
      where: { campaignId: task.campaignId },
      select: { id: true, name: true },
      orderBy: { order: 'asc' },
    }),
    task.hazardId
      ? prisma.hazard.findUnique({ where: { id: task.hazardId }, select: { categoryId: true } })
      : null,
  ]);
  const canWrite =
    ctx.user.role === 'city_admin' ||
    (ctx.user.role === 'unit_officer' && ctx.user.unitId === task.unitId);
  return {
    task,
    reminders,
    campaign,
    records,
    categories,
    hazardCategoryId: hazard?.categoryId ?? null,
    canWrite,
  };
}

interface Forms {
  close?: FormState;
  interview?: FormState;
}

function CloseForm({ ctx, data, state }: { ctx: PageContext; data: Data; state?: FormState }) {
  const { task, campaign } = data;
  const reinspection = task.kind === 'reinspection';
  const field = reinspection ? 'inspectionId' : 'interviewId';
  const noun = reinspection ? '检查记录' : '约谈记录';
  return (
    <section id="close">
      <h2>办结任务</h2>
      {data.records.length === 0 ? (
        <p class="muted">
          该企业在任务下达后尚无{noun}。
          {reinspection
            ? '请先录入专门现场检查记录，再回到此处办结。'
            : '请先在上方「记录约谈」，保存时可同时办结。'}
        </p>
      ) : (
        <Form
          action={`/dashboard/follow-ups/${task.id}/close`}
          csrfToken={ctx.csrfToken}
          class="stack"
        >
          <input type="hidden" name="version" value={String(task.version)} />
          <SelectField
            name={field}
            label={`完成该任务的${noun}`}
            state={state}
            required
            blank="请选择"
            options={data.records.map((r) => ({
              value: r.id,
              label: `${describeInstant(campaign, r.at)}${r.label ? `：${r.label}` : ''}`,
            }))}
          />
          <TextareaField name="note" label="完成情况" state={state} required />
          <SubmitButton>办结任务</SubmitButton>
        </Form>
      )}
    </section>
  );
}

function InterviewForm({ ctx, data, state }: { ctx: PageContext; data: Data; state?: FormState }) {
  const { task } = data;
  return (
    <section id="interview">
      <h2>记录约谈</h2>
      <p class="small">约谈对象：{task.enterprise.name}</p>
      <Form
        action={`/dashboard/follow-ups/${task.id}/interviews`}
        csrfToken={ctx.csrfToken}
        class="stack"
      >
        <DateTimeField name="interviewedAt" label="约谈时间" state={state} required />
        <SelectField
          name="categoryId"
          label="产品类别"
          state={state}
          value={data.hazardCategoryId ?? undefined}
          required
          blank="请选择"
          options={data.categories.map((c) => ({ value: c.id, label: c.name }))}
        />
        <TextareaField name="reason" label="约谈事由" value={task.reason} state={state} required />
        <TextareaField name="note" id="interview-note" label="约谈情况" state={state} />
        <CheckboxField name="closeTask" label="同时完成该约谈任务" state={state} checked />
        <SubmitButton>保存约谈记录</SubmitButton>
      </Form>
    </section>
  );
}

export function View({ ctx, data, forms }: { ctx: PageContext; data: Data; forms?: Forms }) {
  const { task, campaign } = data;
  const kind = FOLLOW_UP_KIND_NAMES[task.kind];
  const linked = task.inspectionId ?? task.interviewId;
  return (
    <Layout
      title={kind}
      user={ctx.user}
      csrfToken={ctx.csrfToken}
      crumbs={[
        { href: '/dashboard', label: homeLabel(ctx.user) },
        { href: `/dashboard/units/${task.unitId}`, label: task.unit.name },
        { label: kind },
      ]}
    >
      <Flash kind="ok" text={ctx.ok} />
      <Flash kind="err" text={ctx.error} />
      <section>
        <h2>
          {kind}：{task.enterprise.name}
        </h2>
        <dl class="facts">
          <dt>原因</dt>
          <dd>{task.reason}</dd>
          <dt>办理期限</dt>
          <dd>{describeDeadline(campaign, task.dueAt)}</dd>
          <dt>状态</dt>
          <dd>{FOLLOW_UP_STATUS_NAMES[task.status]}</dd>
          <dt>办结时间</dt>
          <dd>{task.closedAt ? describeInstant(campaign, task.closedAt) : '—'}</dd>
          <dt>办结说明</dt>
          <dd>{task.closingNote ?? '—'}</dd>
          {linked && (
            <>
              <dt>{task.inspectionId ? '关联检查记录' : '关联约谈记录'}</dt>
              <dd>
                {data.records.find((r) => r.id === linked)
                  ? describeInstant(campaign, data.records.find((r) => r.id === linked)!.at)
                  : linked}
              </dd>
            </>
          )}
          {task.hazardId && (
            <>
              <dt>相关隐患</dt>
              <dd>
                <a href={`/dashboard/hazards/${task.hazardId}`}>查看隐患</a>
              </dd>
            </>
          )}
          <dt>企业</dt>
          <dd>
            <a href={`/dashboard/enterprises/${task.enterpriseId}`}>{task.enterprise.name}</a>
          </dd>
        </dl>
      </section>
      {data.canWrite && task.status === 'open' && (
        <>
          {task.kind === 'interview' && (
            <InterviewForm ctx={ctx} data={data} state={forms?.interview} />
          )}
          <CloseForm ctx={ctx} data={data} state={forms?.close} />
        </>
      )}
      <section>
        <h2>已发送的提醒</h2>
        <ReminderList reminders={data.reminders} />
      </section>
    </Layout>
  );
}

const zodIssues = (error: { issues: { path: PropertyKey[]; message: string }[] }) =>
  error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));

/** A rejection the form shows (400 field errors, 409 conflict); anything else is rethrown. */
function rejection(error: unknown): { status: 400 | 409; issues: FieldIssue[]; message: string } {
  if (error instanceof DomainError && error.code === 'VALIDATION_FAILED') {
    const issues = Array.isArray(error.details) ? (error.details as FieldIssue[]) : [];
    return { status: 400, issues, message: '提交未成功，请按提示修改后重试。' };
  }
  if (error instanceof DomainError && error.code === 'CONFLICT') {
    return { status: 409, issues: [], message: `提交未成功：${error.message}` };
  }
  throw error;
}

/** 「YYYY-MM-DDTHH:mm」 of a datetime-local field is China time. */
const chinaTime = (value: string | undefined) =>
  value && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00+08:00` : value;

async function postClose(c: Ctx) {
  const fields = await checkedForm(c);
  if (!fields) return forbiddenPage(c, EXPIRED_FORM);
  const ctx = await pageContext(c);
  const data = await load(c, ctx);
  const id = data.task.id;
  const values = {
    inspectionId: fields.inspectionId,
    interviewId: fields.interviewId,
    note: fields.note,
  };
  const back = (error: string, issues: FieldIssue[], status: 400 | 409) =>
    render(
      c,
      <View ctx={{ ...ctx, error }} data={data} forms={{ close: { values, issues } }} />,
      status,
    );
  const parsed = CloseFollowUpSchema.safeParse({
    version: Number(fields.version),
    note: fields.note ?? '',
    inspectionId: fields.inspectionId || undefined,
    interviewId: fields.interviewId || undefined,
  });
  if (!parsed.success)
    return back('提交未成功，请按提示修改后重试。', zodIssues(parsed.error), 400);
  try {
    await closeFollowUp(c.var.deps, ctx.user, { ...parsed.data, id });
  } catch (error) {
    const { status, issues, message } = rejection(error);
    return back(message, issues, status);
  }
  return c.redirect(`/dashboard/follow-ups/${id}?ok=follow_up_closed`, 303);
}

async function postInterview(c: Ctx) {
  const fields = await checkedForm(c);
  if (!fields) return forbiddenPage(c, EXPIRED_FORM);
  const ctx = await pageContext(c);
  const data = await load(c, ctx);
  const { task } = data;
  if (task.kind !== 'interview') notFound();
  const values = {
    interviewedAt: fields.interviewedAt,
    categoryId: fields.categoryId,
    reason: fields.reason,
    note: fields.note,
    closeTask: fields.closeTask,
  };
  const back = (error: string, issues: FieldIssue[], status: 400 | 409) =>
    render(
      c,
      <View ctx={{ ...ctx, error }} data={data} forms={{ interview: { values, issues } }} />,
      status,
    );
  const parsed = CreateInterviewSchema.safeParse({
    campaignId: task.campaignId,
    unitId: task.unitId,
    enterpriseId: task.enterpriseId,
    categoryId: fields.categoryId || undefined,
    interviewedAt: chinaTime(fields.interviewedAt) ?? '',
    reason: fields.reason ?? '',
    hazardId: task.hazardId ?? undefined,
    note: fields.note || undefined,
  });
  if (!parsed.success)
    return back('保存未成功，请按提示修改后重试。', zodIssues(parsed.error), 400);
  let interview;
  try {
    interview = await createInterview(c.var.deps, ctx.user, parsed.data);
  } catch (error) {
    const { status, issues, message } = rejection(error);
    return back(message, issues, status);
  }
  if (fields.closeTask === undefined) {
    return c.redirect(`/dashboard/follow-ups/${task.id}?ok=interview_recorded#close`, 303);
  }
  try {
    await closeFollowUp(c.var.deps, ctx.user, {
      id: task.id,
      version: task.version,
      note: `已约谈：${parsed.data.reason}`,
      interviewId: interview.id,
    });
  } catch (error) {
    // The interview is saved; the task (changed meanwhile) is left for the close form.
    if (error instanceof DomainError && error.code === 'CONFLICT') {
      return c.redirect(`/dashboard/follow-ups/${task.id}?ok=interview_recorded#close`, 303);
    }
    throw error;
  }
  return c.redirect(`/dashboard/follow-ups/${task.id}?ok=interview_recorded_closed`, 303);
}

export function register(router: DashboardRouter) {
  router.post('/dashboard/follow-ups/:id/close', requireSession, postClose);
  router.post('/dashboard/follow-ups/:id/interviews', requireSession, postInterview);
}
