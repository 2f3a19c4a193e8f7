import { getInspection } from '../../services/records/inspections.js';
import { Badge, HazardStatusBadge } from '../components/badges.js';
import { Flash } from '../components/flash.js';
import { Layout } from '../components/layout.js';
import { homeLabel, type Ctx, type PageContext } from '../page.js';
import { describeDeadline, describeInstant, loadCampaign } from '../queries.js';

// One on-site inspection (现场检查), read-only: its checklist results and the hazards its failed
// items put on the problem list, each linked to its page.

export interface Data {
  inspection: Awaited<ReturnType<typeof getInspection>>;
  campaign: PageContext['campaign'];
}

export async function load(c: Ctx, ctx: PageContext): Promise<Data> {
  const inspection = await getInspection(c.var.deps, ctx.user, { id: c.req.param('id') ?? '' });
  const campaign =
    ctx.campaign?.id === inspection.campaignId
      ? ctx.campaign
      : (await loadCampaign(c.var.deps.db.prisma, inspection.campaignId)).campaign;
  return { inspection, campaign };
}

export function View({ ctx, data }: { ctx: PageContext; data: Data }) {
  const { inspection: i, campaign } = data;
  return (
    <Layout
      title="现场检查记录"
      user={ctx.user}
      csrfToken={ctx.csrfToken}
      crumbs={[
        { href: '/dashboard', label: homeLabel(ctx.user) },
        { href: `/dashboard/units/${i.unitId}`, label: i.unitName },
        { href: `/dashboard/enterprises/${i.enterpriseId}`, label: i.enterpriseName },
        { label: '现场检查记录' },
      ]}
    >
      <Flash kind="ok" text={ctx.ok} />
      <section>
        <h2>现场检查：{i.enterpriseName}</h2>
        <dl class="facts">
          <dt>检查时间</dt>
          <dd>{describeInstant(campaign, new Date(i.inspectedAt))}</dd>
          <dt>检查人员</dt>
          <dd>{i.inspectors.join('、')}</dd>
          <dt>检查表</dt>
          <dd>{i.checklistName}</dd>
          <dt>产品类别</dt>
          <dd>{i.categoryName ?? '—'}</dd>
          <dt>实施单位</dt>
          <dd>{i.unitName}</dd>
          <dt>检查情况说明</dt>
          <dd>{i.note ?? '—'}</dd>
        </dl>
      </section>
      <section>
        <h2>检查项</h2>
        <table class="items">
          <thead>
            <tr>
              <th>序号</th>
              <th>检查项</th>
              <th>结果</th>
              <th>检查说明</th>
            </tr>
          </thead>
          <tbody>
            {i.items.map((item) => (
              <tr>
                <td class="num">{item.order}</td>
                <td>{item.label}</td>
                <td>
                  {item.passed ? (
                    <Badge tone="ok">合格</Badge>
                  ) : (
                    <Badge tone="overdue">不合格</Badge>
                  )}
                </td>
                <td>{item.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h2>列入问题清单的隐患</h2>
        {i.hazards.length === 0 ? (
          <p class="muted">各项均合格，未登记隐患。</p>
        ) : (
          <table class="hazards">
            <thead>
              <tr>
                <th>问题描述</th>
                <th>整改措施</th>
                <th>整改责任人</th>
                <th>整改期限</th>
                <th>状态</th>
              </tr>
            </thead>
            <tbody>
              {i.hazards.map((h) => (
                <tr>
                  <td>
                    <a href={`/dashboard/hazards/${h.id}`}>{h.description}</a>
                  </td>
                  <td>{h.measure}</td>
                  <td>{h.responsiblePerson}</td>
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
      </section>
    </Layout>
  );
}
