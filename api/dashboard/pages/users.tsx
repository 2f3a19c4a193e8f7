import { DomainError } from '../../../domain/errors.js';
import type { FieldIssue } from '../../contracts/common.js';
import { EnterpriseListQuery } from '../../contracts/enterprises.js';
import { ROLE_NAMES } from '../../contracts/roles.js';
import { CreateUserSchema, UpdateUserSchema, UserListQuery } from '../../contracts/users.js';
import { listEnterprises } from '../../services/register/enterprises.js';
import { createUser, listUsers, updateUser } from '../../services/people/users.js';
import { Badge } from '../components/badges.js';
import { Flash } from '../components/flash.js';
import {
  CheckboxField,
  Form,
  SelectField,
  SubmitButton,
  TextField,
  type FormState,
} from '../components/forms.js';
import { Layout } from '../components/layout.js';
import { Pager, readListQuery, SortHeader, type ListQuery } from '../components/list-controls.js';
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
import { visibleUnits } from '../queries.js';
import { requireSession } from '../session.js';

// User management: the city admin lists, creates, edits and disables the accounts of every unit;
// a unit officer the enterprise accounts of their unit's enterprises (the users service decides:
// the same rule as /api/users). Tokens are issued through the API (shown once, no-store).

const PATH = '/dashboard/users';

export interface Data {
  query: ListQuery;
  users: Awaited<ReturnType<typeof listUsers>>;
  units: { id: string; name: string }[];
  enterprises: { id: string; name: string }[];
}

export async function load(c: Ctx, ctx: PageContext): Promise<Data> {
  if (ctx.user.role !== 'city_admin' && ctx.user.role !== 'unit_officer') notFound();
  const query = readListQuery(c.req.query(), { pageSize: 50, sort: 'name' });
  const parsed = UserListQuery.safeParse({
    page: query.page,
    pageSize: query.pageSize,
    sort: query.sort,
    unit: query.params.unit,
  });
  const users = await listUsers(
    c.var.deps,
    ctx.user,
    parsed.success ? parsed.data : UserListQuery.parse({}),
  );
  const units =
    ctx.user.role === 'city_admin'
      ? (await visibleUnits(c.var.deps.db.prisma, ctx.user)).map((u) => ({
          id: u.id,
          name: u.name,
        }))
      : [];
  const enterprises = (
    await listEnterprises(
      c.var.deps,
      ctx.user,
      EnterpriseListQuery.parse({ pageSize: 200, sort: 'name' }),
    )
  ).items.map((e) => ({ id: e.id, name: e.name }));
  return { query, users, units, enterprises };
}

export function View(props: {
  ctx: PageContext;
  data: Data;
  create?: FormState;
  edit?: { id: string; state: FormState };
}) {
  const { ctx, data } = props;
  const admin = ctx.user.role === 'city_admin';
  const roles = admin
    ? (['city_admin', 'city_supervisor', 'unit_officer', 'enterprise_user'] as const)
    : (['enterprise_user'] as const);
  return (
    <Layout
      title="用户管理"
      user={ctx.user}
      csrfToken={ctx.csrfToken}
      crumbs={[{ href: '/dashboard', label: homeLabel(ctx.user) }, { label: '用户管理' }]}
    >
      <Flash kind="ok" text={ctx.ok} />
      <Flash kind="err" text={ctx.error} />
      <section>
        <h2>{admin ? '全部账号' : '本单位企业账号'}</h2>
        <p class="muted small">
          {admin
            ? '市局管理员可管理各单位的全部账号。'
            : '实施单位工作人员可为本单位登记的企业创建和管理企业账号。'}
          人员在登录页输入邮箱、通过邮件中的登录链接登录（每个邮箱对应一个账号）；停用账号即结束其全部登录。API
          令牌仅供系统对接使用，通过接口 POST /api/users/:id/tokens 签发，明文仅显示一次。
        </p>
        {ctx.user.role === 'unit_officer' && ctx.user.unitId && (
          <p>
            <a href={`/dashboard/units/${ctx.user.unitId}/invitations`}>
              邀请本单位企业联系人开通账号
            </a>
          </p>
        )}
        <div class="scroll">
          <table class="users">
            <thead>
              <tr>
                <SortHeader path={PATH} query={data.query} field="name">
                  姓名
                </SortHeader>
                <th>角色</th>
                <th>单位 / 企业</th>
                <th>状态</th>
                <th>修改（姓名、邮箱、停用）</th>
              </tr>
            </thead>
            <tbody>
              {data.users.items.map((u) => {
                const state = props.edit?.id === u.id ? props.edit.state : undefined;
                return (
                  <tr data-user={u.id}>
                    <td>{u.name}</td>
                    <td>{u.roleName}</td>
                    <td>{u.enterprise?.name ?? u.unit?.name ?? '—'}</td>
                    <td>{u.disabled ? <Badge tone="overdue">已停用</Badge> : '正常'}</td>
                    <td>
                      {u.role !== 'service' && (
                        <Form action={`${PATH}/${u.id}`} csrfToken={ctx.csrfToken} class="inline">
                          <TextField
                            name="name"
                            id={`name-${u.id}`}
                            label="姓名"
                            value={u.name}
                            state={state}
                          />
                          <TextField
                            name="email"
                            id={`email-${u.id}`}
                            label="邮箱"
                            value={u.email ?? ''}
                            state={state}
                          />
                          <CheckboxField
                            name="disabled"
                            id={`disabled-${u.id}`}
                            label="停用"
                            checked={u.disabled}
                            state={state}
                          />
                          <SubmitButton>保存</SubmitButton>
                        </Form>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <Pager path={PATH} query={data.query} total={data.users.total} />
      </section>
      <section>
        <h2>{admin ? '新建账号' : '新建企业账号'}</h2>
        <Form action={PATH} csrfToken={ctx.csrfToken}>
          <TextField name="name" id="new-name" label="姓名" state={props.create} required />
          <TextField name="email" id="new-email" label="邮箱" state={props.create} />
          <SelectField
            name="role"
            id="new-role"
            label="角色"
            state={props.create}
            value={roles[roles.length - 1]}
            options={roles.map((r) => ({ value: r, label: ROLE_NAMES[r] }))}
          />
          {admin && (
            <SelectField
              name="unitId"
              id="new-unit"
              label="所属实施单位（实施单位工作人员填写）"
              state={props.create}
              blank="—"
              options={data.units.map((u) => ({ value: u.id, label: u.name }))}
            />
          )}
          <SelectField
            name="enterpriseId"
            id="new-enterprise"
            label="所属企业（企业用户填写）"
            state={props.create}
            blank="—"
            options={data.enterprises.map((e) => ({ value: e.id, label: e.name }))}
          />
          <SubmitButton>创建账号</SubmitButton>
        </Form>
      </section>
    </Layout>
  );
}

const issuesOf = (error: unknown): FieldIssue[] | undefined =>
  error instanceof DomainError &&
  (error.code === 'VALIDATION_FAILED' || error.code === 'CONFLICT') &&
  Array.isArray(error.details)
    ? (error.details as FieldIssue[])
    : undefined;

async function postCreate(c: Ctx) {
  const body = await checkedForm(c);
  if (!body) return forbiddenPage(c, EXPIRED_FORM);
  const ctx = await pageContext(c);
  const values = {
    name: body.name,
    email: body.email,
    role: body.role,
    unitId: body.unitId,
    enterpriseId: body.enterpriseId,
  };
  const back = async (issues: FieldIssue[]) => {
    const withError = { ...ctx, error: '创建未成功，请按提示修改后重试。' };
    const data = await load(c, withError);
    return render(c, <View ctx={withError} data={data} create={{ values, issues }} />, 400);
  };
  const parsed = CreateUserSchema.safeParse(formInput(CreateUserSchema, body));
  if (!parsed.success) {
    return back(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  try {
    await createUser(c.var.deps, ctx.user, parsed.data);
  } catch (error) {
    const issues = issuesOf(error);
    if (issues) return back(issues);
    throw error;
  }
  return c.redirect(`${PATH}?ok=user_created`, 303);
}

async function postUpdate(c: Ctx) {
  const body = await checkedForm(c);
  if (!body) return forbiddenPage(c, EXPIRED_FORM);
  const ctx = await pageContext(c);
  const id = c.req.param('id') ?? '';
  const values = { name: body.name, email: body.email, disabled: body.disabled };
  const input = formInput(UpdateUserSchema, body);
  // An emptied e-mail field removes the address.
  if (input.email === undefined) input.email = null;
  const back = async (issues: FieldIssue[]) => {
    const withError = { ...ctx, error: '保存未成功，请按提示修改后重试。' };
    const data = await load(c, withError);
    return render(
      c,
      <View ctx={withError} data={data} edit={{ id, state: { values, issues } }} />,
      400,
    );
  };
  const parsed = UpdateUserSchema.safeParse(input);
  if (!parsed.success) {
    return back(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  try {
    await updateUser(c.var.deps, ctx.user, { ...parsed.data, id });
  } catch (error) {
    const issues = issuesOf(error);
    if (issues) return back(issues);
    throw error;
  }
  return c.redirect(`${PATH}?ok=user_updated`, 303);
}

export function register(router: DashboardRouter) {
  router.post(PATH, requireSession, postCreate);
  router.post(`${PATH}/:id`, requireSession, postUpdate);
}
