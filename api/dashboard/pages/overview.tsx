import { DUTY_STATE_NAMES } from '../../../domain/labels.js';
import { CAMPAIGN_STATE_NAMES } from '../../../domain/calendar/phases.js';
import type { Prisma } from '../../../prisma/generated/client.js';
import { Badge, percent } from '../components/badges.js';
import { CampaignChooser, Downloads } from '../components/campaign.js';
import { HazardChart, PhaseTimeline } from '../components/charts.js';
import { Flash } from '../components/flash.js';
import { Layout } from '../components/layout.js';
import { withCampaign, type Ctx, type PageContext } from '../page.js';
import {
  describeDeadline,
  describeInstant,
  DUTY_STATE_TONES,
  hazardTimeline,
  overdueItems,
  sortLeague,
  unitOverview,
  visibleUnits,
  type ChartBucket,
  type UnitOverviewRow,
} from '../queries.js';

// Overview: city roles see all 18 units, a unit officer their own unit.

export interface Data {
  rows: UnitOverviewRow[];
  overdue: {
    hazards: Prisma.HazardGetPayload<{
      include: { unit: true; enterprise: { select: { id: true; name: true } } };
    }>[];
    duties: Prisma.UnitDutyGetPayload<{ include: { unit: true; deadline: true } }>[];
  };
  buckets: ChartBucket[];
  /** The league table's order as in the URL (`sort=col` / `-col`), or undefined. */
  sort?: string;
}

export async function load(c: Ctx, ctx: PageContext): Promise<Data> {
  const { prisma } = c.var.deps.db;
  const units = await visibleUnits(prisma, ctx.user);
  if (!ctx.campaign) return { rows: [], overdue: { hazards: [], duties: [] }, buckets: [] };
  const unitIds = units.map((u) => u.id);
  const [rows, overdue, buckets] = await Promise.all([
    unitOverview(prisma, ctx.campaign, units, ctx.now),
    overdueItems(prisma, ctx.campaign.id, unitIds, ctx.now),
    hazardTimeline(prisma, ctx.campaign, unitIds, ctx.now),
  ]);
  const sort = c.req.query('sort')?.trim() || undefined;
  return { rows: sortLeague(rows, sort), overdue, buckets, sort };
}

function DutyCell(props: {
  ctx: PageContext;
  duty:
    | { id: string; state: keyof typeof DUTY_STATE_NAMES; dueAt: Date; submittedAt: Date | null }
    | undefined;
}) {
  const { ctx, duty } = props;
  if (!duty) return <td class="muted">—</td>;
  const title = `截止 ${describeDeadline(ctx.campaign, duty.dueAt)}${
    duty.submittedAt ? `；报送于 ${describeInstant(ctx.campaign, duty.submittedAt)}` : ''
  }`;
  return (
    <td>
      <a href={`/dashboard/duties/${duty.id}`} style="text-decoration:none">
        <Badge tone={DUTY_STATE_TONES[duty.state]} title={title}>
          {DUTY_STATE_NAMES[duty.state]}
        </Badge>
      </a>
    </td>
  );
}

/**
 * A league-table header that sorts by its column (a link; no JavaScript): first click the order
 * the column reads best in (`first`), a second click the other way; the campaign is kept.
 */
function SortTh(props: {
  ctx: PageContext;
  sort: string | undefined;
  column: string;
  first?: 'asc' | 'desc';
  children: unknown;
  class?: string;
  rowspan?: number;
  title?: string;
}) {
  const { column, sort } = props;
  const current = sort === column ? 'asc' : sort === `-${column}` ? 'desc' : undefined;
  const preferred = props.first === 'desc' ? `-${column}` : column;
  const next = current === undefined ? preferred : current === 'asc' ? `-${column}` : column;
  const search = new URLSearchParams();
  if (props.ctx.campaign) search.set('campaign', props.ctx.campaign.id);
  search.set('sort', next);
  return (
    <th
      class={props.class}
      rowspan={props.rowspan}
      title={props.title}
      aria-sort={current === 'asc' ? 'ascending' : current === 'desc' ? 'descending' : undefined}
    >
      <a href={`/dashboard?${search.toString()}`} data-sort={column}>
        {props.children}
        {current === 'asc' ? ' ▲' : current === 'desc' ? ' ▼' : ''}
      </a>
    </th>
  );
}

const Overdue = (props: { count: number }) =>
  props.count > 0 ? <b style="color:var(--bad)">{props.count}</b> : <>0</>;

export function View({ ctx, data }: { ctx: PageContext; data: Data }) {
  const campaign = ctx.campaign;
  const city = ctx.user.role !== 'unit_officer';
  if (!campaign) {
    return (
      <Layout title="首页" user={ctx.user} csrfToken={ctx.csrfToken}>
        <section>
          <h2>暂无专项行动</h2>
          <p class="muted">市局创建专项行动后，这里将显示各单位的工作进展。</p>
        </section>
      </Layout>
    );
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
  return (
    <Layout title={city ? '全市概览' : '本单位概览'} user={ctx.user} csrfToken={ctx.csrfToken}>
      <Flash kind="ok" text={ctx.ok} />
      <Flash kind="err" text={ctx.error} />
      <section>
        <h2>
          {campaign.name} {campaign.cancelledAt && <Badge tone="overdue">已撤销</Badge>}
        </h2>
        <p>
          当前阶段：<b>{CAMPAIGN_STATE_NAMES[campaign.phase]}</b>
          <span class="muted">
            （{campaign.phases[0]?.startDate ?? ''} 至 {campaign.phases.at(-1)?.endDate ?? ''}
            {campaign.demoSecondsPerDay !== null &&
              `；演示日历，每个活动日 ${campaign.demoSecondsPerDay} 秒`}
            ）
          </span>{' '}
          <CampaignChooser ctx={ctx} path="/dashboard" />
        </p>
        <PhaseTimeline campaign={campaign} now={ctx.now} />
        <Downloads campaign={campaign} unitId={city ? undefined : data.rows[0]?.unit.id} />
      </section>
      <div class="cards">
        <div class="card">
          隐患总数<b id="total-hazards">{totals.total}</b>
        </div>
        <div class="card">
          未销号隐患<b>{totals.open}</b>
        </div>
        <div class="card">
          逾期未整改<b style="color:var(--bad)">{totals.overdue}</b>
        </div>
        <div class="card">
          整改销号率<b>{percent(totals.closed, totals.total)}</b>
        </div>
      </div>
      <section>
        <h2>{city ? '各实施单位工作进展' : '本单位工作进展'}</h2>
        <div class="scroll">
          <table class="units">
            <thead>
              <tr>
                <SortTh ctx={ctx} sort={data.sort} column="unit" rowspan={2}>
                  实施单位
                </SortTh>
                <th colspan={campaign.deadlines.length}>报送任务</th>
                <th colspan={3}>排查检查</th>
                <th colspan={2}>监督抽查</th>
                <SortTh
                  ctx={ctx}
                  sort={data.sort}
                  column="cases"
                  first="desc"
                  rowspan={2}
                  class="num"
                >
                  立案
                  <br />
                  （起）
                </SortTh>
                <SortTh
                  ctx={ctx}
                  sort={data.sort}
                  column="assistance"
                  first="desc"
                  rowspan={2}
                  class="num"
                >
                  技术帮扶
                  <br />
                  （次）
                </SortTh>
                <SortTh
                  ctx={ctx}
                  sort={data.sort}
                  column="followUpsOpen"
                  first="desc"
                  rowspan={2}
                  class="num"
                  title="未完成的专门现场检查和约谈"
                >
                  待办跟进
                  <br />
                  任务
                </SortTh>
                <th colspan={4}>隐患整改</th>
                <SortTh
                  ctx={ctx}
                  sort={data.sort}
                  column="unqualifiedSpotChecks"
                  first="desc"
                  rowspan={2}
                  class="num"
                >
                  抽查不合格
                  <br />
                  （次）
                </SortTh>
                <SortTh
                  ctx={ctx}
                  sort={data.sort}
                  column="openReinspections"
                  first="desc"
                  rowspan={2}
                  class="num"
                >
                  待办专门
                  <br />
                  现场检查
                </SortTh>
              </tr>
              <tr>
                {campaign.deadlines.map((d) => (
                  <SortTh
                    ctx={ctx}
                    sort={data.sort}
                    column={`duty:${d.id}`}
                    title={`${d.dueDate} 前报送`}
                  >
                    {d.name.replace(/^\d{4}年/, '')}
                  </SortTh>
                ))}
                <SortTh
                  ctx={ctx}
                  sort={data.sort}
                  column="enterprisesRegistered"
                  first="desc"
                  class="num"
                >
                  登记企业
                </SortTh>
                <SortTh
                  ctx={ctx}
                  sort={data.sort}
                  column="enterprisesInspected"
                  first="desc"
                  class="num"
                >
                  已检查企业
                </SortTh>
                <SortTh ctx={ctx} sort={data.sort} column="inspections" first="desc" class="num">
                  检查（次）
                </SortTh>
                <SortTh ctx={ctx} sort={data.sort} column="spotChecks" first="desc" class="num">
                  抽查（次）
                </SortTh>
                <SortTh
                  ctx={ctx}
                  sort={data.sort}
                  column="unqualifiedBatches"
                  first="desc"
                  class="num"
                >
                  不合格批次
                </SortTh>
                <SortTh ctx={ctx} sort={data.sort} column="hazardsOpen" first="desc" class="num">
                  未销号
                </SortTh>
                <SortTh ctx={ctx} sort={data.sort} column="hazardsOverdue" first="desc" class="num">
                  逾期
                </SortTh>
                <SortTh ctx={ctx} sort={data.sort} column="hazardsClosed" first="desc" class="num">
                  已销号
                </SortTh>
                <SortTh ctx={ctx} sort={data.sort} column="closureRate" class="num">
                  销号率
                </SortTh>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr data-unit={r.unit.id}>
                  <td>
                    <a href={withCampaign(`/dashboard/units/${r.unit.id}`, campaign)}>
                      {r.unit.name}
                    </a>{' '}
                    {r.unit.listedSupervision && <Badge tone="listed">挂牌督办</Badge>}
                  </td>
                  {campaign.deadlines.map((d) => (
                    <DutyCell ctx={ctx} duty={r.duties.get(d.id)} />
                  ))}
                  <td class="num">{r.enterprisesRegistered}</td>
                  <td class="num">{r.enterprisesInspected}</td>
                  <td class="num">{r.inspections}</td>
                  <td class="num">{r.spotChecks}</td>
                  <td class="num">{r.unqualifiedBatches}</td>
                  <td class="num">{r.cases}</td>
                  <td class="num">{r.assistance}</td>
                  <td class="num">{r.followUpsOpen}</td>
                  <td class="num">{r.hazardsOpen}</td>
                  <td class="num">
                    <Overdue count={r.hazardsOverdue} />
                  </td>
                  <td class="num">{r.hazardsClosed}</td>
                  <td class="num">{percent(r.hazardsClosed, r.hazardsTotal)}</td>
                  <td class="num">{r.unqualifiedSpotChecks}</td>
                  <td class="num">{r.openReinspections}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p class="muted small">
          报送状态：已按期报送（截止前报送）、逾期报送、逾期未报、待报送（已进入提醒期）、未到期。销号率
          = 已销号隐患 ÷
          全部隐患。点击表头可按该列排序（再次点击反向）；检查、抽查、立案、帮扶均为本专项行动的记录，登记企业为各单位企业名录。
        </p>
      </section>
      <section>
        <h2>逾期清单</h2>
        {data.overdue.hazards.length === 0 && data.overdue.duties.length === 0 ? (
          <p class="muted">目前没有逾期事项。</p>
        ) : (
          <table class="overdue">
            <thead>
              <tr>
                <th>类型</th>
                <th>实施单位</th>
                <th>事项</th>
                <th>截止时间</th>
              </tr>
            </thead>
            <tbody>
              {data.overdue.hazards.map((h) => (
                <tr>
                  <td>
                    <Badge tone="overdue">隐患逾期未整改</Badge>
                  </td>
                  <td>{h.unit.shortName}</td>
                  <td>
                    <a href={`/dashboard/hazards/${h.id}`}>
                      {h.enterprise.name}：{h.description}
                    </a>
                  </td>
                  <td>{describeDeadline(campaign, h.deadline)}</td>
                </tr>
              ))}
              {data.overdue.duties.map((d) => (
                <tr>
                  <td>
                    <Badge tone="overdue">逾期未报</Badge>
                  </td>
                  <td>{d.unit.shortName}</td>
                  <td>
                    <a href={`/dashboard/duties/${d.id}`}>{d.deadline.name}</a>
                  </td>
                  <td>{describeDeadline(campaign, d.dueAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section>
        <h2>隐患发现与销号趋势</h2>
        <HazardChart buckets={data.buckets} />
      </section>
    </Layout>
  );
}
