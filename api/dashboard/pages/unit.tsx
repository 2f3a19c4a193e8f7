import { DUTY_STATE_NAMES } from '../../../domain/labels.js';
import { dutyState } from '../../../domain/timeline/duty-state.js';
import type { Prisma } from '../../../prisma/generated/client.js';
import { canReadUnit } from '../../lib/scope.js';
import { Badge } from '../components/badges.js';
import { Downloads } from '../components/campaign.js';
import { FollowUpTable } from '../components/follow-up-table.js';
import { Flash } from '../components/flash.js';
import type { FormState } from '../components/forms.js';
import { Layout } from '../components/layout.js';
import { homeLabel, notFound, withCampaign, type Ctx, type PageContext } from '../page.js';
import { describeDeadline, describeInstant, DUTY_STATE_TONES } from '../queries.js';
import { ListingSection, loadListings, type ListingData } from './unit-listing.js';

// One unit: its reporting duties, its enterprises with their hazard counts, its follow-up tasks.

export interface Data {
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
  /** 挂牌督办: the current listing and the earlier ones. */
  listings: ListingData;
}

export async function load(c: Ctx, ctx: PageContext): Promise<Data> {
  const { prisma } = c.var.deps.db;
  const id = c.req.param('id') ?? '';
  if (ctx.user.role === 'enterprise_user' || !canReadUnit(ctx.user, id)) notFound();
  const unit = await prisma.unit.findUnique({ where: { id } });
  if (!unit) notFound();
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
  const listings = await loadListings(c, ctx, id);
  return { unit, enterprises: rows, enterpriseTotal, duties, followUps, listings };
}

export function View({
  ctx,
  data,
  listingForm,
}: {
  ctx: PageContext;
  data: Data;
  /** A rejected 挂牌督办 form, kept. */
  listingForm?: FormState;
}) {
  const campaign = ctx.campaign;
  return (
    <Layout
      title={data.unit.name}
      user={ctx.user}
      csrfToken={ctx.csrfToken}
      crumbs={[
        { href: withCampaign('/dashboard', campaign), label: homeLabel(ctx.user) },
        { label: data.unit.name },
      ]}
    >
      <Flash kind="ok" text={ctx.ok} />
      <Flash kind="err" text={ctx.error} />
      <section>
        <h2>
          {data.unit.name} {data.unit.listedSupervision && <Badge tone="listed">挂牌督办</Badge>}
        </h2>
        {campaign && (
          <>
            <p class="muted">{campaign.name}</p>
            <Downloads campaign={campaign} unitId={data.unit.id} />
          </>
        )}
      </section>
      <ListingSection ctx={ctx} unitId={data.unit.id} data={data.listings} form={listingForm} />
      <section>
        <h2>报送任务</h2>
        {data.duties.length === 0 ? (
          <p class="muted">暂无报送任务。</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>任务</th>
                <th>截止时间</th>
                <th>状态</th>
                <th>报送时间</th>
              </tr>
            </thead>
            <tbody>
              {data.duties.map((d) => {
                const state = campaign ? dutyState(d, campaign, ctx.now) : 'not_due';
                return (
                  <tr>
                    <td>
                      <a href={`/dashboard/duties/${d.id}`}>{d.deadline.name}</a>
                    </td>
                    <td>{describeDeadline(campaign, d.dueAt)}</td>
                    <td>
                      <Badge tone={DUTY_STATE_TONES[state]}>{DUTY_STATE_NAMES[state]}</Badge>
                    </td>
                    <td>{d.submittedAt ? describeInstant(campaign, d.submittedAt) : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      <section>
        <h2>企业及隐患整改情况</h2>
        <p class="small">
          <a href={withCampaign(`/dashboard/units/${data.unit.id}/hazards`, campaign)}>
            查看问题清单
          </a>
        </p>
        <p class="muted small">
          共登记企业 {data.enterpriseTotal} 家
          {data.enterprises.length < data.enterpriseTotal &&
            `，以下列出有隐患的企业及前 ${data.enterprises.length} 家`}
          。
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
            {data.enterprises.map((e) => (
              <tr>
                <td>
                  <a href={withCampaign(`/dashboard/enterprises/${e.id}`, campaign)}>{e.name}</a>
                </td>
                <td>{e.creditCode}</td>
                <td class="num">{e.total}</td>
                <td class="num">{e.open}</td>
                <td class="num">
                  {e.overdue > 0 ? <b style="color:var(--bad)">{e.overdue}</b> : 0}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h2>跟进任务（专门现场检查、约谈）</h2>
        <FollowUpTable ctx={ctx} rows={data.followUps} />
      </section>
    </Layout>
  );
}
