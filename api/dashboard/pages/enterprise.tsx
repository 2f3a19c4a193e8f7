import { SEVERITIES } from '../../../domain/labels.js';
import type { Prisma } from '../../../prisma/generated/client.js';
import { canReadUnit } from '../../lib/scope.js';
import { Badge, HazardStatusBadge } from '../components/badges.js';
import { Flash } from '../components/flash.js';
import { Layout } from '../components/layout.js';
import { ReminderList } from '../components/reminder-list.js';
import { homeLabel, notFound, withCampaign, type Ctx, type PageContext } from '../page.js';
import { describeDeadline, describeInstant } from '../queries.js';

// One enterprise: its register facts, its hazards in the campaign and the reminders sent.

export interface Data {
  enterprise: Prisma.EnterpriseGetPayload<{ include: { unit: true; contacts: true } }>;
  hazards: Prisma.HazardGetPayload<{ include: { category: true; submissions: true } }>[];
  reminders: Prisma.ReminderModel[];
}

export async function load(c: Ctx, ctx: PageContext): Promise<Data> {
  const { prisma } = c.var.deps.db;
  const id = c.req.param('id') ?? '';
  const enterprise = await prisma.enterprise.findUnique({
    where: { id },
    include: { unit: true, contacts: { orderBy: [{ isPrimary: 'desc' }, { name: 'asc' }] } },
  });
  const visible =
    enterprise &&
    (ctx.user.role === 'enterprise_user'
      ? ctx.user.enterpriseId === enterprise.id
      : canReadUnit(ctx.user, enterprise.unitId));
  if (!enterprise || !visible) notFound();
  const hazards = await prisma.hazard.findMany({
    where: { enterpriseId: id, ...(ctx.campaign ? { campaignId: ctx.campaign.id } : {}) },
    include: { category: true, submissions: { orderBy: { submittedAt: 'asc' } } },
    orderBy: [{ deadline: 'asc' }, { id: 'asc' }],
  });
  const reminders = await prisma.reminder.findMany({
    where: { subjectType: 'hazard', subjectId: { in: hazards.map((h) => h.id) } },
    orderBy: [{ reservedAt: 'asc' }, { id: 'asc' }],
  });
  return { enterprise, hazards, reminders };
}

export function View({ ctx, data }: { ctx: PageContext; data: Data }) {
  const { enterprise } = data;
  const campaign = ctx.campaign;
  const type = [enterprise.isProducer ? '生产企业' : '', enterprise.isSeller ? '销售企业' : '']
    .filter(Boolean)
    .join('、');
  return (
    <Layout
      title={enterprise.name}
      user={ctx.user}
      csrfToken={ctx.csrfToken}
      crumbs={[
        { href: withCampaign('/dashboard', campaign), label: homeLabel(ctx.user) },
        {
          href: withCampaign(`/dashboard/units/${enterprise.unitId}`, campaign),
          label: enterprise.unit.name,
        },
        { label: enterprise.name },
      ]}
    >
      <Flash kind="ok" text={ctx.ok} />
      <section>
        <h2>{enterprise.name}</h2>
        {/* The register's actions (企业名录): the officer of the enterprise's unit or the city admin. */}
        {(ctx.user.role === 'city_admin' ||
          (ctx.user.role === 'unit_officer' && ctx.user.unitId === enterprise.unitId)) && (
          <p>
            <a href={`/dashboard/enterprises/${enterprise.id}/edit`}>编辑</a> ·{' '}
            <a href={`/dashboard/units/${enterprise.unitId}/enterprises`}>本单位企业名录</a>
          </p>
        )}
        <dl class="facts">
          <dt>统一社会信用代码</dt>
          <dd>{enterprise.creditCode}</dd>
          <dt>企业类型</dt>
          <dd>{type || '—'}</dd>
          <dt>地址</dt>
          <dd>{enterprise.address}</dd>
          <dt>主营产品</dt>
          <dd>{enterprise.products.join('、') || '—'}</dd>
          <dt>联系人</dt>
          <dd>
            {enterprise.contacts
              .map((c) => `${c.name}${c.email ? `（${c.email}）` : ''}`)
              .join('、') || '—'}
          </dd>
        </dl>
      </section>
      {ctx.user.role !== 'enterprise_user' && campaign && (
        <p class="actions">
          <a
            href={withCampaign(`/dashboard/enterprises/${enterprise.id}/inspections/new`, campaign)}
          >
            记录现场检查
          </a>
          {' · '}
          <a href={withCampaign(`/dashboard/enterprises/${enterprise.id}/hazards/new`, campaign)}>
            登记隐患
          </a>
        </p>
      )}
      <section>
        <h2>隐患及整改情况</h2>
        {data.hazards.length === 0 ? (
          <p class="muted">该企业在本专项行动中没有登记隐患。</p>
        ) : (
          data.hazards.map((h) => (
            <div class="hazard" id={`hazard-${h.id}`}>
              <p>
                <a href={`/dashboard/hazards/${h.id}`}>
                  <b>{h.description}</b>
                </a>{' '}
                <HazardStatusBadge hazard={h} now={ctx.now} />{' '}
                <Badge tone="future">{`${SEVERITIES[h.severity]}隐患`}</Badge>
              </p>
              <p class="small">
                产品类别：{h.category.name}
                {h.product && `（${h.product}）`} · 整改措施：{h.measure} · 责任人：
                {h.responsiblePerson}
                <br />
                发现时间：{describeInstant(campaign, h.foundAt)} · 整改期限：
                <b>{describeDeadline(campaign, h.deadline)}</b>
                {h.closedAt && ` · 销号时间：${describeInstant(campaign, h.closedAt)}`}
              </p>
              <h3 class="small">已发送的提醒</h3>
              <ReminderList reminders={data.reminders.filter((r) => r.subjectId === h.id)} />
            </div>
          ))
        )}
      </section>
    </Layout>
  );
}
