import { DomainError } from '../../../domain/errors.js';
import type { FieldIssue } from '../../contracts/common.js';
import { CreateEnterpriseSchema, UpdateEnterpriseSchema } from '../../contracts/enterprises.js';
import {
  createEnterprise,
  findVisibleEnterprise,
  presentEnterprise,
  updateEnterprise,
} from '../../services/register/enterprises.js';
import { Flash } from '../components/flash.js';
import {
  CheckboxField,
  Form,
  issuesAt,
  SelectField,
  SubmitButton,
  TextareaField,
  TextField,
  type FormState,
} from '../components/forms.js';
import { Layout } from '../components/layout.js';
import { checkedForm } from '../form-post.js';
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
import { requireSession } from '../session.js';
import { categoryChoices, registerPath, registerUnit, type RegisterUnit } from './register.js';

// 「登记企业」 and 「编辑」 of one enterprise of the register, posted to the same services as
// POST /api/enterprises and PATCH /api/enterprises/:id. The form's flat fields (a type select,
// one primary contact, lists one per line) are turned into the contract's shape here.

type Enterprise = ReturnType<typeof presentEnterprise>;

interface Data {
  unit: RegisterUnit;
  /** Absent on the 「登记企业」 form. */
  enterprise?: Enterprise;
  categories: { value: string; label: string }[];
}

const lines = (text: string | undefined) =>
  (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

const TEXT_FIELDS = [
  'creditCode',
  'name',
  'type',
  'address',
  'productionLicenceNo',
  'productionLicenceScope',
  'cccCertificates',
  'products',
  'class',
  'contactName',
  'contactPhone',
  'contactEmail',
  'failedSpotCheckLastYear',
  'manyComplaints',
] as const;

/** The posted strings a rejected form shows again; the ticked categories one per line. */
async function postedValues(c: Ctx, fields: Record<string, string>) {
  const body = await c.req.parseBody({ all: true });
  const posted = body.categoryCodes;
  const categories = (Array.isArray(posted) ? posted : posted ? [posted] : []).filter(
    (v): v is string => typeof v === 'string',
  );
  const values: Record<string, string | undefined> = {};
  for (const key of TEXT_FIELDS) values[key] = fields[key];
  values.categoryCodes = categories.join('\n');
  return values;
}

/** The form's fields → the contract's fields shared by registering and editing. */
function enterpriseInput(v: Record<string, string | undefined>) {
  const contact =
    v.contactName || v.contactPhone || v.contactEmail
      ? {
          name: v.contactName ?? '',
          phone: v.contactPhone || undefined,
          email: v.contactEmail || undefined,
          isPrimary: true,
        }
      : undefined;
  return {
    name: v.name ?? '',
    isProducer: v.type === 'producer' || v.type === 'both',
    isSeller: v.type === 'seller' || v.type === 'both',
    address: v.address ?? '',
    productionLicenceNo: v.productionLicenceNo || null,
    productionLicenceScope: v.productionLicenceScope || null,
    cccCertificates: lines(v.cccCertificates),
    categoryCodes: lines(v.categoryCodes),
    products: lines(v.products),
    class: v.class || null,
    failedSpotCheckLastYear: v.failedSpotCheckLastYear !== undefined,
    manyComplaints: v.manyComplaints !== undefined,
    contact,
  };
}

/** Contract paths → the form's field names. */
function formIssues(issues: FieldIssue[]): FieldIssue[] {
  return issues.map(({ path, message }) => {
    const [field, , contactField] = path.split('.');
    const name =
      field === 'isProducer' || field === 'isSeller'
        ? 'type'
        : field === 'contacts'
          ? contactField === 'phone'
            ? 'contactPhone'
            : contactField === 'email'
              ? 'contactEmail'
              : 'contactName'
          : (field ?? path);
    return { path: name, message };
  });
}

const zodIssues = (error: { issues: { path: PropertyKey[]; message: string }[] }) =>
  error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));

/** The stored enterprise as the form's strings. */
function valuesOf(e: Enterprise): Record<string, string | undefined> {
  const primary = e.contacts.find((c) => c.isPrimary) ?? e.contacts[0];
  return {
    creditCode: e.creditCode,
    name: e.name,
    type: e.isProducer && e.isSeller ? 'both' : e.isProducer ? 'producer' : 'seller',
    address: e.address,
    productionLicenceNo: e.productionLicenceNo ?? '',
    productionLicenceScope: e.productionLicenceScope ?? '',
    cccCertificates: e.cccCertificates.join('\n'),
    categoryCodes: e.categoryCodes.join('\n'),
    products: e.products.join('\n'),
    class: e.class ?? '',
    contactName: primary?.name ?? '',
    contactPhone: primary?.phone ?? '',
    contactEmail: primary?.email ?? '',
    ...(e.failedSpotCheckLastYear ? { failedSpotCheckLastYear: 'true' } : {}),
    ...(e.manyComplaints ? { manyComplaints: 'true' } : {}),
  };
}

export function View({ ctx, data, form }: { ctx: PageContext; data: Data; form?: FormState }) {
  const { unit, enterprise } = data;
  const editing = enterprise !== undefined;
  const state: FormState = form ?? { values: enterprise ? valuesOf(enterprise) : {} };
  const ticked = new Set(lines(state.values?.categoryCodes));
  const categoryErrors = issuesAt(state.issues, 'categoryCodes');
  const title = editing ? `编辑企业信息：${enterprise.name}` : '登记企业';
  return (
    <Layout
      title={title}
      user={ctx.user}
      csrfToken={ctx.csrfToken}
      crumbs={[
        { href: '/dashboard', label: homeLabel(ctx.user) },
        { href: `/dashboard/units/${unit.id}`, label: unit.name },
        { href: registerPath(unit.id), label: '企业名录' },
        ...(editing
          ? [{ href: `/dashboard/enterprises/${enterprise.id}`, label: enterprise.name }]
          : []),
        { label: editing ? '编辑' : '登记企业' },
      ]}
    >
      <Flash kind="err" text={ctx.error} />
      <section>
        <h2>{title}</h2>
        <Form
          action={editing ? `/dashboard/enterprises/${enterprise.id}/edit` : registerPath(unit.id)}
          csrfToken={ctx.csrfToken}
          class="stack"
        >
          {editing ? (
            <>
              <input type="hidden" name="version" value={String(enterprise.version)} />
              <p>
                统一社会信用代码：<b>{enterprise.creditCode}</b>
                <span class="muted small">（登记后不可修改）</span>
              </p>
            </>
          ) : (
            <TextField
              name="creditCode"
              label="统一社会信用代码（18 位，含校验位）"
              state={state}
              required
            />
          )}
          <TextField name="name" label="企业名称" state={state} required />
          <SelectField
            name="type"
            label="企业类型"
            state={state}
            blank="请选择"
            options={[
              { value: 'producer', label: '生产企业' },
              { value: 'seller', label: '销售企业' },
              { value: 'both', label: '生产和销售企业' },
            ]}
          />
          <TextField name="address" label="地址" state={state} required />
          <fieldset>
            <legend>产品类别</legend>
            {categoryErrors.map((message) => (
              <div class="flash err small field-error">{message}</div>
            ))}
            {data.categories.map((c) => (
              <label class="checkbox">
                <input
                  type="checkbox"
                  name="categoryCodes"
                  value={c.value}
                  checked={ticked.has(c.value)}
                />{' '}
                {c.label}
              </label>
            ))}
          </fieldset>
          <TextareaField name="products" label="主要产品（每行一个）" state={state} />
          <TextField name="productionLicenceNo" label="生产许可证编号" state={state} />
          <TextField name="productionLicenceScope" label="许可范围" state={state} />
          <TextareaField name="cccCertificates" label="CCC 证书编号（每行一个）" state={state} />
          <SelectField
            name="class"
            label="企业分类"
            state={state}
            blank="未分类"
            options={['AA', 'A', 'B', 'C'].map((v) => ({ value: v, label: v }))}
          />
          <CheckboxField name="failedSpotCheckLastYear" label="上年抽查不合格" state={state} />
          <CheckboxField name="manyComplaints" label="投诉举报集中" state={state} />
          <fieldset>
            <legend>主要联系人（接收隐患整改提醒）</legend>
            <TextField name="contactName" label="姓名" state={state} />
            <TextField name="contactPhone" label="电话" state={state} />
            <TextField name="contactEmail" label="邮箱" state={state} />
          </fieldset>
          <SubmitButton>{editing ? '保存' : '登记企业'}</SubmitButton>
        </Form>
      </section>
    </Layout>
  );
}

async function showNew(c: Ctx) {
  const ctx = await pageContext(c);
  const unit = await registerUnit(c, ctx);
  return render(c, <View ctx={ctx} data={{ unit, categories: await categoryChoices(c) }} />);
}

async function loadEdit(c: Ctx, ctx: PageContext): Promise<Data> {
  if (ctx.user.role === 'enterprise_user') notFound();
  const row = await findVisibleEnterprise(c.var.deps, ctx.user, { id: c.req.param('id') ?? '' });
  return {
    unit: { id: row.unitId, name: row.unit.name },
    enterprise: presentEnterprise(row),
    categories: await categoryChoices(c),
  };
}

async function showEdit(c: Ctx) {
  const ctx = await pageContext(c);
  return render(c, <View ctx={ctx} data={await loadEdit(c, ctx)} />);
}

/** The service's rejection → the status and the form's issues; anything else is rethrown. */
function rejection(error: unknown): { status: 400 | 409; issues: FieldIssue[] } {
  if (error instanceof DomainError && error.code === 'VALIDATION_FAILED') {
    return {
      status: 400,
      issues: Array.isArray(error.details) ? (error.details as FieldIssue[]) : [],
    };
  }
  if (error instanceof DomainError && error.code === 'CONFLICT') {
    return {
      status: 409,
      issues: Array.isArray(error.details) ? (error.details as FieldIssue[]) : [],
    };
  }
  throw error;
}

async function postNew(c: Ctx) {
  const fields = await checkedForm(c);
  if (!fields) return forbiddenPage(c, EXPIRED_FORM);
  const ctx = await pageContext(c);
  const unit = await registerUnit(c, ctx);
  const values = await postedValues(c, fields);
  const back = async (error: string, issues: FieldIssue[], status: 400 | 409) => {
    const data = { unit, categories: await categoryChoices(c) };
    const form = { values, issues: formIssues(issues) };
    return render(c, <View ctx={{ ...ctx, error }} data={data} form={form} />, status);
  };
  const { contact, ...rest } = enterpriseInput(values);
  const parsed = CreateEnterpriseSchema.safeParse({
    ...rest,
    creditCode: values.creditCode ?? '',
    unitId: unit.id,
    contacts: contact ? [contact] : [],
  });
  if (!parsed.success) {
    return back('登记未成功，请按提示修改后重试。', zodIssues(parsed.error), 400);
  }
  let created;
  try {
    created = await createEnterprise(c.var.deps, ctx.user, parsed.data);
  } catch (error) {
    const { status, issues } = rejection(error);
    const message =
      status === 409
        ? `登记未成功：${(error as Error).message}。`
        : '登记未成功，请按提示修改后重试。';
    return back(message, issues, status);
  }
  return c.redirect(`/dashboard/enterprises/${created.id}?ok=enterprise_registered`, 303);
}

async function postEdit(c: Ctx) {
  const fields = await checkedForm(c);
  if (!fields) return forbiddenPage(c, EXPIRED_FORM);
  const ctx = await pageContext(c);
  const data = await loadEdit(c, ctx);
  const enterprise = data.enterprise!;
  const values = await postedValues(c, fields);
  const back = (error: string, issues: FieldIssue[], status: 400 | 409) =>
    render(
      c,
      <View ctx={{ ...ctx, error }} data={data} form={{ values, issues: formIssues(issues) }} />,
      status,
    );
  const { contact, ...rest } = enterpriseInput(values);
  // The form edits the primary contact; the others stay as registered.
  const others = enterprise.contacts
    .filter((c) => !c.isPrimary && c.name !== contact?.name)
    .map(({ name, phone, email }) => ({
      name,
      phone: phone ?? undefined,
      email: email ?? undefined,
      isPrimary: false,
    }));
  const parsed = UpdateEnterpriseSchema.safeParse({
    ...rest,
    version: Number(fields.version),
    contacts: contact ? [contact, ...others] : others,
  });
  if (!parsed.success) {
    return back('保存未成功，请按提示修改后重试。', zodIssues(parsed.error), 400);
  }
  try {
    await updateEnterprise(c.var.deps, ctx.user, { ...parsed.data, id: enterprise.id });
  } catch (error) {
    const { status, issues } = rejection(error);
    const message =
      status === 409
        ? '保存未成功：该企业信息已被他人修改。下方保留了您填写的内容，页面已载入最新版本号，核对后再次保存将以您填写的内容为准。'
        : '保存未成功，请按提示修改后重试。';
    return back(message, issues, status);
  }
  return c.redirect(`/dashboard/enterprises/${enterprise.id}?ok=enterprise_updated`, 303);
}

export function register(router: DashboardRouter) {
  router.get('/dashboard/units/:id/enterprises/new', requireSession, showNew);
  router.post('/dashboard/units/:id/enterprises', requireSession, postNew);
  router.get('/dashboard/enterprises/:id/edit', requireSession, showEdit);
  router.post('/dashboard/enterprises/:id/edit', requireSession, postEdit);
}
