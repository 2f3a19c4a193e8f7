import { SHANGHAI_2023_PRODUCT_CATEGORIES } from '../../../domain/products.js';
import { EnterpriseListQuery } from '../../contracts/enterprises.js';
import { canReadUnit } from '../../lib/scope.js';
import { listEnterprises } from '../../services/register/enterprises.js';
import { Flash } from '../components/flash.js';
import { Layout } from '../components/layout.js';
import {
  ListControls,
  Pager,
  SortHeader,
  readListQuery,
  type ListQuery,
} from '../components/list-controls.js';
import { homeLabel, notFound, type Ctx, type PageContext } from '../page.js';

// The unit's enterprise register (企业名录): search by name or credit code, filter by type and
// product category, paged and sortable; links to register one enterprise or import a file.

export interface RegisterUnit {
  id: string;
  name: string;
}

/** The unit of a register page: 404 for an enterprise user or another unit's officer. */
export async function registerUnit(c: Ctx, ctx: PageContext): Promise<RegisterUnit> {
  const id = c.req.param('id') ?? '';
  if (ctx.user.role === 'enterprise_user' || !canReadUnit(ctx.user, id)) notFound();
  const unit = await c.var.deps.db.prisma.unit.findUnique({
    where: { id },
    select: { id: true, name: true },
  });
  if (!unit) notFound();
  return unit;
}

/** Product categories by code, for the filter and the form (the campaign template's names). */
export async function categoryChoices(c: Ctx) {
  const stored = await c.var.deps.db.prisma.productCategory.findMany({
    select: { code: true, name: true },
    orderBy: [{ order: 'asc' }, { code: 'asc' }],
  });
  const byCode = new Map<string, string>();
  for (const { code, name } of [...SHANGHAI_2023_PRODUCT_CATEGORIES, ...stored]) {
    if (!byCode.has(code)) byCode.set(code, name);
  }
  return [...byCode].map(([value, label]) => ({ value, label }));
}

export const registerPath = (unitId: string) => `/dashboard/units/${unitId}/enterprises`;

export interface Data {
  unit: RegisterUnit;
  query: ListQuery;
  list: Awaited<ReturnType<typeof listEnterprises>>;
  categories: { value: string; label: string }[];
}

export async function load(c: Ctx, ctx: PageContext): Promise<Data> {
  const unit = await registerUnit(c, ctx);
  const query = readListQuery(c.req.query(), { pageSize: 20, sort: 'name' });
  const parsed = EnterpriseListQuery.safeParse({
    page: query.page,
    pageSize: query.pageSize,
    sort: query.sort,
    q: query.params.q,
    type: query.params.type,
    category: query.params.category,
  });
  // A hand-edited URL with a bad filter shows the unfiltered register rather than an error.
  const input = parsed.success ? parsed.data : EnterpriseListQuery.parse({});
  const list = await listEnterprises(c.var.deps, ctx.user, { ...input, unit: unit.id });
  return { unit, query, list, categories: await categoryChoices(c) };
}

const typeName = (e: { isProducer: boolean; isSeller: boolean }) =>
  [e.isProducer && '生产', e.isSeller && '销售'].filter(Boolean).join('、');

export function View({ ctx, data }: { ctx: PageContext; data: Data }) {
  const { unit, query, list } = data;
  const path = registerPath(unit.id);
  const names = new Map(data.categories.map((c) => [c.value, c.label]));
  return (
    <Layout
      title={`${unit.name} · 企业名录`}
      user={ctx.user}
      csrfToken={ctx.csrfToken}
      crumbs={[
        { href: '/dashboard', label: homeLabel(ctx.user) },
        { href: `/dashboard/units/${unit.id}`, label: unit.name },
        { label: '企业名录' },
      ]}
    >
      <Flash kind="ok" text={ctx.ok} />
      <section>
        <h2>企业名录</h2>
        <p>
          <a href={`${path}/new`}>登记企业</a> · <a href={`${path}/import`}>导入企业名录</a> ·{' '}
          <a href={`/dashboard/units/${unit.id}/invitations`}>邀请企业联系人开通账号</a>
        </p>
        <ListControls path={path} query={query}>
          <label for="filter-q">名称或信用代码</label>
          <input id="filter-q" name="q" value={query.params.q ?? ''} />
          <label for="filter-type">企业类型</label>
          <select id="filter-type" name="type">
            <option value="">全部</option>
            <option value="producer" selected={query.params.type === 'producer'}>
              生产企业
            </option>
            <option value="seller" selected={query.params.type === 'seller'}>
              销售企业
            </option>
          </select>
          <label for="filter-category">产品类别</label>
          <select id="filter-category" name="category">
            <option value="">全部</option>
            {data.categories.map((c) => (
              <option value={c.value} selected={query.params.category === c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </ListControls>
        {list.items.length === 0 ? (
          <p class="muted">没有符合条件的企业。</p>
        ) : (
          <table>
            <thead>
              <tr>
                <SortHeader path={path} query={query} field="name">
                  企业名称
                </SortHeader>
                <SortHeader path={path} query={query} field="creditCode">
                  统一社会信用代码
                </SortHeader>
                <th>企业类型</th>
                <th>产品类别</th>
                <th>主要联系人</th>
                <SortHeader path={path} query={query} field="updatedAt">
                  更新时间
                </SortHeader>
              </tr>
            </thead>
            <tbody>
              {list.items.map((e) => (
                <tr>
                  <td>
                    <a href={`/dashboard/enterprises/${e.id}`}>{e.name}</a>
                  </td>
                  <td>{e.creditCode}</td>
                  <td>{typeName(e)}</td>
                  <td>{e.categoryCodes.map((code) => names.get(code) ?? code).join('、')}</td>
                  <td>{e.contacts[0]?.name ?? '—'}</td>
                  <td>{e.updatedAt.slice(0, 10)}</td>
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
