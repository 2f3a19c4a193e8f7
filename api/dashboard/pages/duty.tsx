import { DomainError } from '../../../domain/errors.js';
import { DUTY_STATE_NAMES } from '../../../domain/labels.js';
import { dutyState } from '../../../domain/timeline/duty-state.js';
import type { Prisma } from '../../../prisma/generated/client.js';
import type { FieldIssue } from '../../contracts/common.js';
import { SubmitDutySchema } from '../../contracts/duties.js';
import { downloadAttachment } from '../../files/download.js';
import { readUploads, uploadBodyLimit } from '../../files/uploads.js';
import { assertCanWriteUnit } from '../../lib/scope.js';
import { zodIssues } from '../../lib/validation.js';
import {
  dutyAttachment,
  getDuty,
  previewDutySubmission,
  submitDuty,
} from '../../services/reporting/duties.js';
import { remindersOf } from '../../services/timeline/reminders.js';
import { Badge } from '../components/badges.js';
import { DutySubmitForm, type SubmitPreview } from '../components/duty-submit-form.js';
import { DutyVersions } from '../components/duty-versions.js';
import { Flash } from '../components/flash.js';
import type { FormState } from '../components/forms.js';
import { Layout } from '../components/layout.js';
import { ReminderList } from '../components/reminder-list.js';
import { checkedForm, formInput } from '../form-post.js';
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
import { describeDeadline, describeInstant, DUTY_STATE_TONES, loadCampaign } from '../queries.js';
import { requireSession } from '../session.js';

// One reporting duty of a unit: its deadline, state, the 报送 form (#submit) for whoever may
// submit it, every submitted version with its frozen table, typical cases and files, reminders.

export interface Data {
  duty: Prisma.UnitDutyGetPayload<{ include: { unit: true; deadline: true } }>;
  submissions: Awaited<ReturnType<typeof getDuty>>['submissions'];
  /** Names of the users who submitted, by id. */
  submitters: Map<string, string>;
  reminders: Prisma.ReminderModel[];
  /** The duty's own campaign. */
  campaign: PageContext['campaign'];
  /** What a submission now would carry; only for those who may submit. */
  preview: SubmitPreview | null;
}

function maySubmit(ctx: PageContext, unitId: string) {
  try {
    assertCanWriteUnit(ctx.user, unitId);
    return true;
  } catch {
    return false;
  }
}

export async function load(c: Ctx, ctx: PageContext): Promise<Data> {
  if (ctx.user.role === 'enterprise_user') notFound();
  const id = c.req.param('id') ?? '';
  const { deps } = c.var;
  const presented = await getDuty(deps, ctx.user, { id }); // scoping: another unit's duty is not found
  const { prisma } = deps.db;
  const duty = await prisma.unitDuty.findUniqueOrThrow({
    where: { id },
    include: { unit: true, deadline: true },
  });
  const users = await prisma.user.findMany({
    where: { id: { in: presented.submissions.map((s) => s.submittedById) } },
    select: { id: true, name: true },
  });
  const reminders = await remindersOf(prisma, 'duty', id);
  const { campaign } = await loadCampaign(prisma, duty.campaignId);
  const preview =
    maySubmit(ctx, duty.unitId) && !campaign?.cancelledAt
      ? await previewDutySubmission(deps, ctx.user, { id })
      : null;
  return {
    duty,
    submissions: presented.submissions,
    submitters: new Map(users.map((u) => [u.id, u.name])),
    reminders,
    campaign,
    preview,
  };
}

export function View({ ctx, data, form }: { ctx: PageContext; data: Data; form?: FormState }) {
  const { duty, campaign } = data;
  const state = campaign ? dutyState(duty, campaign, ctx.now) : 'not_due';
  const resubmission = data.submissions.length > 0;
  return (
    <Layout
      title={duty.deadline.name}
      user={ctx.user}
      csrfToken={ctx.csrfToken}
      crumbs={[
        { href: '/dashboard', label: homeLabel(ctx.user) },
        { href: `/dashboard/units/${duty.unitId}`, label: duty.unit.name },
        { label: duty.deadline.name },
      ]}
    >
      <Flash kind="ok" text={ctx.ok} />
      <Flash kind="err" text={ctx.error} />
      <section>
        <h2>
          {duty.unit.name} · {duty.deadline.name}{' '}
          <Badge tone={DUTY_STATE_TONES[state]}>{DUTY_STATE_NAMES[state]}</Badge>
        </h2>
        <dl class="facts">
          <dt>报送期限</dt>
          <dd>{describeDeadline(campaign, duty.dueAt)}</dd>
          <dt>报送时间</dt>
          <dd>{duty.submittedAt ? describeInstant(campaign, duty.submittedAt) : '未报送'}</dd>
          <dt>当前版本</dt>
          <dd>{resubmission ? `第 ${data.submissions.length} 版` : '—'}</dd>
          {duty.deadline.kind === 'monthly_statistics' && (
            <>
              <dt>实时统计表</dt>
              <dd>
                <a
                  href={`/dashboard/campaigns/${encodeURIComponent(duty.campaignId)}/statistics?unit=${encodeURIComponent(duty.unitId)}&period=${duty.deadline.period}&format=xlsx`}
                >
                  下载当前统计表（XLSX，未冻结）
                </a>
              </dd>
            </>
          )}
        </dl>
      </section>
      <section id="versions">
        <h2>报送记录</h2>
        <DutyVersions
          dutyId={duty.id}
          dueAt={duty.dueAt}
          kind={duty.deadline.kind}
          campaign={campaign}
          submissions={data.submissions}
          submitters={data.submitters}
        />
      </section>
      {data.preview && (
        <section id="submit">
          <h2>{resubmission ? '重新报送' : '报送'}</h2>
          <DutySubmitForm
            dutyId={duty.id}
            kind={duty.deadline.kind}
            csrfToken={ctx.csrfToken}
            resubmission={resubmission}
            preview={data.preview}
            state={form}
          />
        </section>
      )}
      <section>
        <h2>已发送的提醒</h2>
        <ReminderList reminders={data.reminders} />
      </section>
    </Layout>
  );
}

const dutyPath = (id: string) => `/dashboard/duties/${encodeURIComponent(id)}`;

/** The 报送 post: multipart (text fields + files) through the same service as the JSON API. */
async function submit(c: Ctx) {
  const fields = await checkedForm(c);
  if (!fields) return forbiddenPage(c, EXPIRED_FORM);
  const id = c.req.param('id') ?? '';
  const ctx = await pageContext(c);
  const body = await c.req.parseBody({ all: true });
  const ticked = ([] as unknown[]).concat(body.typicalCaseIds ?? []).map(String);
  const values = {
    text: fields.text,
    reason: fields.reason,
    noTypicalCases: fields.noTypicalCases,
    typicalCaseIds: ticked.join(','),
  };
  const back = async (error: string, issues: FieldIssue[] | undefined, status: 400 | 409) => {
    const withError = { ...ctx, error };
    const data = await load(c, withError);
    return render(c, <View ctx={withError} data={data} form={{ values, issues }} />, status);
  };
  try {
    const parsed = SubmitDutySchema.safeParse(formInput(SubmitDutySchema, body));
    if (!parsed.success) {
      return back('报送未成功，请按提示修改后重试。', zodIssues(parsed.error), 400);
    }
    // A monthly form always says which cases it reports: none ticked is an empty list.
    const input = {
      ...parsed.data,
      typicalCaseIds: parsed.data.typicalCaseIds ?? [],
      uploads: await readUploads(c as never, ['files']),
    };
    const before = await getDuty(c.var.deps, ctx.user, { id });
    const result = await submitDuty(c.var.deps, ctx.user, { ...input, id });
    const key = before.submissions.length === 0 ? 'duty_submitted' : 'duty_resubmitted';
    return c.redirect(`${dutyPath(id)}?ok=${key}#v${result.submissions.length}`, 303);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'CONFLICT') {
      return back(`报送未成功：${error.message}`, undefined, 409);
    }
    if (error instanceof DomainError && error.code === 'VALIDATION_FAILED') {
      const issues = Array.isArray(error.details) ? (error.details as FieldIssue[]) : [];
      return back('报送未成功，请按提示修改后重试。', issues, 400);
    }
    throw error;
  }
}

/** A file of a submitted version, only for those who may see the duty (others: 404). */
async function downloadFile(c: Ctx) {
  const attachment = await dutyAttachment(c.var.deps, c.var.session.user, {
    id: c.req.param('id') ?? '',
    attachmentId: c.req.param('attachmentId') ?? '',
  });
  return downloadAttachment(c as never, c.var.deps.files, attachment);
}

export function register(router: DashboardRouter) {
  router.post(
    '/dashboard/duties/:id/submissions',
    requireSession,
    (c, next) => uploadBodyLimit(c as unknown as Parameters<typeof uploadBodyLimit>[0], next),
    submit,
  );
  router.get('/dashboard/duties/:id/files/:attachmentId', requireSession, downloadFile);
}
