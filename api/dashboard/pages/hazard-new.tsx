import { CreateHazardSchema } from '../../contracts/hazards.js';
import { createHazard } from '../../services/records/hazards.js';
import { Flash } from '../components/flash.js';
import { DateField, Form, SelectField, SubmitButton, type FormState } from '../components/forms.js';
import { HazardFields, sourceOptions } from '../components/hazard-fields.js';
import { Layout } from '../components/layout.js';
import { attempt, chinaDate, deadlineOfDate } from '../form-action.js';
import { checkedForm, formInput } from '../form-post.js';
import {
  EXPIRED_FORM,
  forbiddenPage,
  homeLabel,
  pageContext,
  render,
  withCampaign,
  type Ctx,
  type DashboardRouter,
  type PageContext,
} from '../page.js';
import { enterpriseForRecord } from '../record-forms.js';
import { requireSession } from '../session.js';

// 登记隐患: one hazard put on the enterprise's problem list (问题清单) directly, through the same
// service as POST /api/hazards; lands on the hazard's page.

export type Data = Awaited<ReturnType<typeof enterpriseForRecord>>;

export const load = enterpriseForRecord;

const pathOf = (enterpriseId: string) => `/dashboard/enterprises/${enterpriseId}/hazards/new`;

export function View({ ctx, data, form }: { ctx: PageContext; data: Data; form?: FormState }) {
  const { enterprise, campaign } = data;
  return (
    <Layout
      title="登记隐患"
      user={ctx.user}
      csrfToken={ctx.csrfToken}
      crumbs={[
        { href: withCampaign('/dashboard', campaign), label: homeLabel(ctx.user) },
        {
          href: withCampaign(`/dashboard/units/${enterprise.unitId}`, campaign),
          label: enterprise.unit.name,
        },
        {
          href: withCampaign(`/dashboard/enterprises/${enterprise.id}`, campaign),
          label: enterprise.name,
        },
        { label: '登记隐患' },
      ]}
    >
      <Flash kind="err" text={ctx.error} />
      <section>
        <h2>登记隐患：{enterprise.name}</h2>
        <p class="muted">{campaign.name} · 登记后列入问题清单，由企业限期整改。</p>
        <Form
          action={withCampaign(pathOf(enterprise.id), campaign)}
          csrfToken={ctx.csrfToken}
          class="hazard-new"
        >
          <SelectField
            name="categoryId"
            label="产品类别"
            options={data.categories.map((k) => ({ value: k.id, label: k.name }))}
            blank="请选择"
            value={data.preferredCategory}
            state={form}
            required
          />
          <SelectField
            name="source"
            label="隐患来源"
            options={sourceOptions}
            value="inspection"
            state={form}
          />
          <HazardFields state={form} required />
          <DateField
            name="foundAt"
            label="发现时间"
            value={chinaDate(ctx.now)}
            state={form}
            required
          />
          <SubmitButton>登记隐患</SubmitButton>
        </Form>
      </section>
    </Layout>
  );
}

async function save(c: Ctx) {
  const fields = await checkedForm(c);
  if (!fields) return forbiddenPage(c, EXPIRED_FORM);
  const ctx = await pageContext(c);
  const data = await load(c, ctx);
  const posted = formInput(CreateHazardSchema, fields);
  const input = {
    ...posted,
    deadline: deadlineOfDate(posted.deadline),
    campaignId: data.campaign.id,
    enterpriseId: data.enterprise.id,
  };
  const result = await attempt(
    CreateHazardSchema,
    input,
    (parsed) => createHazard(c.var.deps, ctx.user, parsed),
    '登记',
  );
  if (!result.ok) {
    const withError = { ...ctx, error: result.error };
    const form: FormState = { values: fields, issues: result.issues };
    return render(c, <View ctx={withError} data={data} form={form} />, result.status);
  }
  return c.redirect(
    `/dashboard/hazards/${encodeURIComponent(result.value.id)}?ok=hazard_created`,
    303,
  );
}

export function register(router: DashboardRouter) {
  router.post('/dashboard/enterprises/:id/hazards/new', requireSession, save);
}
