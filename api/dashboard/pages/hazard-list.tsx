import { HAZARD_STATUSES } from '../../../domain/labels.js';
import { HazardListQuery } from '../../contracts/hazards.js';
import { canReadUnit } from '../../lib/scope.js';
import { listHazards } from '../../services/records/hazards.js';
import { HazardStatusBadge } from '../components/badges.js';
import { Flash } from '../components/flash.js';
import { options } from '../components/hazard-fields.js';
import { Layout } from '../components/layout.js';
import {
  ListControls,
  Pager,
  SortHeader,
  readListQuery,
  type ListQuery,
} from '../components/list-controls.js';
import { homeLabel, notFound, withCampaign, type Ctx, type PageContext } from '../page.js';
import { describeDeadline, describeInstant } from '../queries.js';

// A unit's problem list (问题清单): its hazards in the campaign, paged, sorted and filtered by
// status, overdue, product category and the date found, all in the URL; through the same service
// as GET /api/hazards.

export interface Data {
  unit: { id: string; name: string };
  query: ListQuery;
  list: Awaited<ReturnType<typeof listHazards>>;
  categories: { id: string; name: string }[];
  /** The filters' problem, when the URL's could not be used. */
  invalid?: string;
}

export async function load(c: Ctx, ctx: PageContext): Promise<Data> {
  const { prisma } = c.var.deps.db;
  const id = c.req.param('id') ?? '';
  if (ctx.user.role === 'enterprise_user' || !canReadUnit(ctx.user, id)) notFound();
  const unit = await prisma.unit.findUnique({ where: { id }, select: { id: true, name: true } });
  if (!unit) notFound();
  const query = readListQuery(c.req.query(), { pageSize: 20, sort: 'deadline' });
  const campaign = ctx.campaign?.id;
  const base = { page: query.page, pageSize: query.pageSize, sort: query.sort, campaign, unit: id };
  let parsed = HazardListQuery.safeParse({ ...query.params, ...base });
  let invalid: string | undefined;
  if (!parsed.success) {
    invalid = `筛选条件有误：${parsed.error.issues.map((i) => i.message).join('；')}`;
    parsed = HazardListQuery.safeParse(base);
  }
  const list = await listHazards(c.var.deps, ctx.user, parsed.data!);
  const categories = campaign
    ? await prisma.productCategory.findMany({
        where: { campaignId: campaign },
        orderBy: [{ order: 'asc' }, { id: 'asc' }],
        select: { id: true, name: true },
      })
    : [];
  return { unit, query, list, categories, invalid };
}

function FilterSelect(props: {
  name: string;
  label: string;
  value?: string;
  options: { value: string; label: string }[];
}) {
  return (
    <label class="filter">
      {props.label}{' '}
      <select name={props.name}>
        <option value="">全部</option>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function View({ ctx, data }: { ctx: PageContext; data: Data }) {
  const { unit, query, list } = data;
  const campaign = ctx.campaign;
  const path = `/dashboard/units/${unit.id}/hazards`;
  const p = query.params;
  return (
    <Layout
      title={`${unit.name} 问题清单`}
      user={ctx.user}
      csrfToken={ctx.csrfToken}
      crumbs={[
        { href: withCampaign('/dashboard', campaign), label: homeLabel(ctx.user) },
        { href: withCampaign(`/dashboard/units/${unit.id}`, campaign), label: unit.name },
        { label: '问题清单' },
      ]}
    >
      <Flash kind="err" text={data.invalid} />
      <section>
        <h2>问题清单：{unit.name}</h2>
        {campaign && <p class="muted">{campaign.name}</p>}
        <ListControls path={path} query={query}>
          <FilterSelect
            name="status"
            label="状态"
            value={p.status}
            options={options(HAZARD_STATUSES)}
          />
          <FilterSelect
            name="overdue"
            label="逾期"
            value={p.overdue}
            options={[
              { value: 'true', label: '已逾期' },
              { value: 'false', label: '未逾期' },
            ]}
          />
          <FilterSelect
            name="category"
            label="产品类别"
            value={p.category}
            options={data.categories.map((k) => ({ value: k.id, label: k.name }))}
          />
          <label class="filter">
            发现日期自 <input type="date" name="from" value={p.from ?? ''} />
          </label>
          <label class="filter">
            至 <input type="date" name="to" value={p.to ?? ''} />
          </label>
        </ListControls>
        {list.items.length === 0 ? (
          <p class="muted">没有符合条件的隐患。</p>
        ) : (
          <table class="hazard-list">
            <thead>
              <tr>
                <th>企业</th>
                <th>问题描述</th>
                <th>产品类别</th>
                <th>整改责任人</th>
                <SortHeader path={path} query={query} field="foundAt">
                  发现时间
                </SortHeader>
                <SortHeader path={path} query={query} field="deadline">
                  整改期限
                </SortHeader>
                <th>状态</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((h) => (
                <tr>
                  <td>
                    <a href={withCampaign(`/dashboard/enterprises/${h.enterpriseId}`, campaign)}>
                      {h.enterpriseName}
                    </a>
                  </td>
                  <td>
                    <a href={`/dashboard/hazards/${h.id}`}>{h.description}</a>
                  </td>
                  <td>{h.categoryName}</td>
                  <td>{h.responsiblePerson}</td>
                  <td>{describeInstant(campaign, new Date(h.foundAt))}</td>
                  <td>{describeDeadline(campaign, new Date(h.deadline))}</td>
                  <td>
                    <HazardStatusBadge
                      hazard={{ status: h.status, deadline: new Date(h.deadline) }}
                      now={ctx.now}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pager path={path} query={query} total={list.total} />
      </section>
    </Layout>
  );
}
