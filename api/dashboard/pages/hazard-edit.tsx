import { UpdateHazardSchema } from '../../contracts/hazards.js';
import { getHazard, updateHazard } from '../../services/records/hazards.js';
import { Flash } from '../components/flash.js';
import { Form, SubmitButton, type FormState } from '../components/forms.js';
import { HazardFields } from '../components/hazard-fields.js';
import { Layout } from '../components/layout.js';
import { attempt } from '../form-action.js';
import { checkedForm, formInput } from '../form-post.js';
import {
  EXPIRED_FORM,
  forbiddenPage,
  homeLabel,
  pageContext,
  render,
  type Ctx,
  type DashboardRouter,
  type PageContext,
} from '../page.js';
import { requireSession } from '../session.js';
import { assertCanWriteUnit } from '../../lib/scope.js';

// 修改隐患: a hazard's content (description, measure, responsible person, type, grade, product),
// with the version read; a concurrent change answers 409 and keeps what was typed. The deadline
// changes only by 延期 (on the hazard page), the status only by the rectification steps.

export interface Data {
  hazard: Awaited<ReturnType<typeof getHazard>>;
}

export async function load(c: Ctx, ctx: PageContext): Promise<Data> {
  const hazard = await getHazard(c.var.deps, ctx.user, { id: c.req.param('id') ?? '' });
  assertCanWriteUnit(ctx.user, hazard.unitId);
  return { hazard };
}

export function View({ ctx, data, form }: { ctx: PageContext; data: Data; form?: FormState }) {
  const { hazard } = data;
  const editable = ['open', 'rectifying', 'submitted'].includes(hazard.status);
  return (
    <Layout
      title="修改隐患"
      user={ctx.user}
      csrfToken={ctx.csrfToken}
      crumbs={[
        { href: '/dashboard', label: homeLabel(ctx.user) },
        { href: `/dashboard/units/${hazard.unitId}`, label: hazard.unitName },
        { href: `/dashboard/enterprises/${hazard.enterpriseId}`, label: hazard.enterpriseName },
        { href: `/dashboard/hazards/${hazard.id}`, label: '隐患详情' },
        { label: '修改隐患' },
      ]}
    >
      <Flash kind="err" text={ctx.error} />
      <section>
        <h2>修改隐患：{hazard.enterpriseName}</h2>
        {!editable ? (
          <p class="muted">隐患已{hazard.statusName}，不能再修改。</p>
        ) : (
          <Form
            action={`/dashboard/hazards/${hazard.id}/edit`}
            csrfToken={ctx.csrfToken}
            class="hazard-edit"
          >
            <input
              type="hidden"
              name="version"
              value={form?.values?.version ?? String(hazard.version)}
            />
            <HazardFields
              state={form}
              deadline={false}
              required
              values={{
                problemType: hazard.problemType,
                severity: hazard.severity,
                description: hazard.description,
                product: hazard.product ?? '',
                measure: hazard.measure,
                responsiblePerson: hazard.responsiblePerson,
              }}
            />
            <SubmitButton>保存修改</SubmitButton>
          </Form>
        )}
      </section>
    </Layout>
  );
}

async function save(c: Ctx) {
  const fields = await checkedForm(c);
  if (!fields) return forbiddenPage(c, EXPIRED_FORM);
  const ctx = await pageContext(c);
  const data = await load(c, ctx);
  const input = formInput(UpdateHazardSchema, fields);
  // An emptied product field clears the product.
  if (fields.product !== undefined && fields.product.trim() === '') input.product = null;
  const result = await attempt(UpdateHazardSchema, input, (parsed) =>
    updateHazard(c.var.deps, ctx.user, { ...parsed, id: data.hazard.id }),
  );
  if (!result.ok) {
    const withError = { ...ctx, error: result.error };
    const form: FormState = { values: fields, issues: result.issues };
    return render(c, <View ctx={withError} data={data} form={form} />, result.status);
  }
  return c.redirect(
    `/dashboard/hazards/${encodeURIComponent(data.hazard.id)}?ok=hazard_updated`,
    303,
  );
}

export function register(router: DashboardRouter) {
  router.post('/dashboard/hazards/:id/edit', requireSession, save);
}
