import { DUTY_STATE_NAMES } from '../../../domain/labels.js';
import { dutyState } from '../../../domain/timeline/duty-state.js';
import type { Prisma } from '../../../prisma/generated/client.js';
import { getDuty } from '../../services/reporting/duties.js';
import { remindersOf } from '../../services/reminders.js';
import { Badge } from '../components/badges.js';
import { Layout } from '../components/layout.js';
import { ReminderList } from '../components/reminder-list.js';
import { homeLabel, notFound, type Ctx, type PageContext } from '../page.js';
import { describeDeadline, describeInstant, DUTY_STATE_TONES, loadCampaign } from '../queries.js';

// One reporting duty of a unit: its deadline, state, submitted versions and reminders.

export interface Data {
  duty: Prisma.UnitDutyGetPayload<{
    include: { unit: true; deadline: true; submissions: true };
  }>;
  reminders: Prisma.ReminderModel[];
  /** The duty's own campaign. */
  campaign: PageContext['campaign'];
}

export async function load(c: Ctx, ctx: PageContext): Promise<Data> {
  if (ctx.user.role === 'enterprise_user') notFound();
  const id = c.req.param('id') ?? '';
  await getDuty(c.var.deps, ctx.user, id); // scoping: another unit's duty is not found
  const { prisma } = c.var.deps.db;
  const duty = await prisma.unitDuty.findUniqueOrThrow({
    where: { id },
    include: { unit: true, deadline: true, submissions: { orderBy: { version: 'asc' } } },
  });
  const reminders = await remindersOf(prisma, 'duty', id);
  const { campaign } = await loadCampaign(prisma, duty.campaignId);
  return { duty, reminders, campaign };
}

export function View({ ctx, data }: { ctx: PageContext; data: Data }) {
  const { duty, campaign } = data;
  const state = campaign ? dutyState(duty, campaign, ctx.now) : 'not_due';
  const statsUrl =
    duty.deadline.kind === 'monthly_statistics'
      ? `/dashboard/campaigns/${encodeURIComponent(duty.campaignId)}/statistics?unit=${encodeURIComponent(duty.unitId)}&period=${duty.deadline.period}&format=xlsx`
      : null;
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
          {statsUrl && (
            <>
              <dt>统计表</dt>
              <dd>
                <a href={statsUrl}>下载统计表（XLSX）</a>
              </dd>
            </>
          )}
        </dl>
      </section>
      <section>
        <h2>报送记录</h2>
        {duty.submissions.length === 0 ? (
          <p class="muted">尚未报送。</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>版本</th>
                <th>报送时间</th>
                <th>内容</th>
                <th>更正原因</th>
              </tr>
            </thead>
            <tbody>
              {duty.submissions.map((s) => (
                <tr>
                  <td>第 {s.version} 版</td>
                  <td>{describeInstant(campaign, s.submittedAt)}</td>
                  <td>{s.text ?? (s.statistics ? '统计表（已冻结快照）' : '—')}</td>
                  <td>{s.reason ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section>
        <h2>已发送的提醒</h2>
        <ReminderList reminders={data.reminders} />
      </section>
    </Layout>
  );
}
