import type { Prisma } from '../../../prisma/generated/client.js';
import { enterpriseReadScope } from '../../lib/scope.js';
import { HazardStatusBadge } from '../components/badges.js';
import { Flash } from '../components/flash.js';
import type { FormState } from '../components/forms.js';
import { Layout } from '../components/layout.js';
import { RectificationForm } from '../components/rectification-form.js';
import type { Ctx, PageContext } from '../page.js';
import { describeDeadline, describeInstant } from '../queries.js';

// An enterprise user's home: their hazards, deadlines and the evidence form under each.

export interface Data {
  enterprise: { name: string } | null;
  hazards: Prisma.HazardGetPayload<{ include: { category: true; submissions: true } }>[];
}

export async function load(c: Ctx, ctx: PageContext): Promise<Data> {
  const { prisma } = c.var.deps.db;
  const [enterprise, hazards] = await Promise.all([
    prisma.enterprise.findUnique({ where: { id: ctx.user.enterpriseId ?? '' } }),
    prisma.hazard.findMany({
      where: enterpriseReadScope(ctx.user),
      include: { category: true, submissions: { orderBy: { submittedAt: 'asc' } } },
      orderBy: [{ status: 'asc' }, { deadline: 'asc' }, { id: 'asc' }],
    }),
  ]);
  return { enterprise, hazards };
}

export function View(props: {
  ctx: PageContext;
  data: Data;
  /** A rejected evidence post: the hazard it was for and what was typed. */
  form?: { hazardId: string; state: FormState };
}) {
  const { ctx, data, form } = props;
  const open = data.hazards.filter((h) => h.status !== 'closed');
  return (
    <Layout title="本企业隐患" user={ctx.user} csrfToken={ctx.csrfToken}>
      <Flash kind="ok" text={ctx.ok} />
      <Flash kind="err" text={ctx.error} />
      <section>
        <h2>{data.enterprise?.name ?? '本企业'} · 隐患整改</h2>
        <p class="muted">
          共 {data.hazards.length} 条隐患，其中未销号 {open.length}{' '}
          条。请在整改期限前完成整改并提交整改材料。
        </p>
      </section>
      {data.hazards.map((h) => {
        const last = h.submissions.at(-1);
        return (
          <section class="hazard-card" id={`hazard-${h.id}`}>
            <h2>
              <a href={`/dashboard/hazards/${h.id}`}>{h.description}</a>{' '}
              <HazardStatusBadge hazard={h} now={ctx.now} />
            </h2>
            <p class="small">
              产品类别：{h.category.name}
              {h.product && `（${h.product}）`} · 整改措施：{h.measure} · 责任人：
              {h.responsiblePerson}
              <br />
              整改期限：<b>{describeDeadline(ctx.campaign, h.deadline)}</b>
            </p>
            {last && (
              <p class="small muted">
                已提交整改材料 {h.submissions.length} 次，最近一次：
                {describeInstant(ctx.campaign, last.submittedAt)}
              </p>
            )}
            <RectificationForm
              csrfToken={ctx.csrfToken}
              hazard={h}
              from="home"
              state={form?.hazardId === h.id ? form.state : undefined}
            />
          </section>
        );
      })}
    </Layout>
  );
}
