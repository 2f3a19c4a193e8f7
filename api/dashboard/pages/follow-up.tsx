import type { Prisma } from '../../../prisma/generated/client.js';
import { getFollowUp } from '../../services/records/follow-ups.js';
import { FOLLOW_UP_KIND_NAMES, FOLLOW_UP_STATUS_NAMES } from '../../../domain/labels.js';
import { remindersOf } from '../../services/reminders.js';
import { Layout } from '../components/layout.js';
import { ReminderList } from '../components/reminder-list.js';
import { homeLabel, notFound, type Ctx, type PageContext } from '../page.js';
import { describeDeadline, describeInstant, loadCampaign } from '../queries.js';

// One follow-up task (special on-site inspection or interview) and its reminders.

export interface Data {
  task: Prisma.FollowUpTaskGetPayload<{ include: { unit: true; enterprise: true } }>;
  reminders: Prisma.ReminderModel[];
  /** The task's own campaign. */
  campaign: PageContext['campaign'];
}

export async function load(c: Ctx, ctx: PageContext): Promise<Data> {
  if (ctx.user.role === 'enterprise_user') notFound();
  const id = c.req.param('id') ?? '';
  await getFollowUp(c.var.deps, ctx.user, id); // scoping: another unit's task is not found
  const { prisma } = c.var.deps.db;
  const task = await prisma.followUpTask.findUniqueOrThrow({
    where: { id },
    include: { unit: true, enterprise: true },
  });
  const reminders = await remindersOf(prisma, 'task', id);
  const { campaign } = await loadCampaign(prisma, task.campaignId);
  return { task, reminders, campaign };
}

export function View({ ctx, data }: { ctx: PageContext; data: Data }) {
  const { task, campaign } = data;
  const kind = FOLLOW_UP_KIND_NAMES[task.kind];
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
      <section>
        <h2>已发送的提醒</h2>
        <ReminderList reminders={data.reminders} />
      </section>
    </Layout>
  );
}
