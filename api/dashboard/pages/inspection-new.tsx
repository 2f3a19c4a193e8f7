import {
  CHECKLISTS,
  CHECKLIST_TYPES,
  checklistFor,
  type ChecklistType,
} from '../../../domain/labels.js';
import { CreateInspectionSchema } from '../../contracts/inspections.js';
import { createInspection } from '../../services/records/inspections.js';
import { Flash } from '../components/flash.js';
import { HazardFields } from '../components/hazard-fields.js';
import {
  DateTimeField,
  Form,
  SelectField,
  SubmitButton,
  TextareaField,
  issuesAt,
  type FormState,
} from '../components/forms.js';
import { Layout } from '../components/layout.js';
import { attempt, chinaDateTime, chinaInstant, deadlineOfDate } from '../form-action.js';
import { checkedForm } from '../form-post.js';
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

// 记录现场检查: the checklist of the enterprise's type, each item 合格 or 不合格 with a note; a
// failed item's row carries the hazard it becomes (问题清单: description, 整改措施, 责任人,
// 整改期限), required only when the item is marked failed (the contract checks). Posted to the
// same service as POST /api/inspections; lands on the inspection's page.

type Loaded = Awaited<ReturnType<typeof enterpriseForRecord>>;
export interface Data extends Loaded {
  checklist: ChecklistType;
  defaultChecklist: ChecklistType;
}

const isChecklist = (value: string | undefined): value is ChecklistType =>
  value !== undefined && Object.hasOwn(CHECKLISTS, value);

export async function load(c: Ctx, ctx: PageContext): Promise<Data> {
  const loaded = await enterpriseForRecord(c, ctx);
  const defaultChecklist = checklistFor(loaded.enterprise);
  const asked = c.req.query('checklist');
  return { ...loaded, defaultChecklist, checklist: isChecklist(asked) ? asked : defaultChecklist };
}

const pathOf = (enterpriseId: string) => `/dashboard/enterprises/${enterpriseId}/inspections/new`;

/** The checklists this enterprise may be inspected against: its type's, and 销售 if it also sells. */
function checklistsFor(data: Data): ChecklistType[] {
  const lists: ChecklistType[] = [data.defaultChecklist];
  if (data.enterprise.isSeller && data.defaultChecklist !== 'seller') lists.push('seller');
  if (!lists.includes(data.checklist)) lists.push(data.checklist);
  return lists;
}

export function View({ ctx, data, form }: { ctx: PageContext; data: Data; form?: FormState }) {
  const { enterprise, campaign } = data;
  const values = form?.values ?? {};
  const items = CHECKLISTS[data.checklist];
  const lists = checklistsFor(data);
  return (
    <Layout
      title="记录现场检查"
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
        { label: '记录现场检查' },
      ]}
    >
      <Flash kind="err" text={ctx.error} />
      <section>
        <h2>记录现场检查：{enterprise.name}</h2>
        <p class="muted">{campaign.name}</p>
        {lists.length > 1 && (
          <p class="checklists">
            检查表：
            {lists
              .map((type) =>
                type === data.checklist ? (
                  <b>{CHECKLIST_TYPES[type]}</b>
                ) : (
                  <a href={`${withCampaign(pathOf(enterprise.id), campaign)}&checklist=${type}`}>
                    {CHECKLIST_TYPES[type]}
                  </a>
                ),
              )
              .flatMap((node, i) => (i === 0 ? [node] : [' · ', node]))}
            <br />
            <span class="small muted">本企业兼营生产和销售：两张检查表各记录一次现场检查。</span>
          </p>
        )}
        <Form
          action={withCampaign(pathOf(enterprise.id), campaign)}
          csrfToken={ctx.csrfToken}
          class="inspection"
        >
          <input type="hidden" name="checklist" value={data.checklist} />
          <DateTimeField
            name="inspectedAt"
            label="检查时间"
            value={chinaDateTime(ctx.now)}
            state={form}
            required
          />
          <TextareaField
            name="inspectors"
            label="检查人员（每行一名）"
            value={ctx.user.name}
            state={form}
            required
          />
          <SelectField
            name="categoryId"
            label="产品类别"
            options={data.categories.map((k) => ({ value: k.id, label: k.name }))}
            blank="请选择"
            value={data.preferredCategory}
            state={form}
          />
          <TextareaField name="note" label="检查情况说明（可选）" state={form} />
          <h3>检查表：{CHECKLIST_TYPES[data.checklist]}</h3>
          <p class="small muted">
            逐项填写检查结果；不合格项须在该项下登记隐患（问题描述、整改措施、整改责任人、整改期限），保存后列入问题清单。
          </p>
          {items.map((item, index) => {
            const p = `items.${index}.`;
            const result = values[`${p}result`];
            const errors = issuesAt(form?.issues, `items.${index}`).filter(
              (_, i, all) => all.indexOf(_) === i,
            );
            return (
              <fieldset class="check-item" id={`item-${item.code}`}>
                <legend>
                  {index + 1}. {item.label}
                </legend>
                <input type="hidden" name={`${p}code`} value={item.code} />
                {issuesAt(form?.issues, `${p}passed`).map((m) => (
                  <div class="flash err small field-error">{m}</div>
                ))}
                <label class="checkbox">
                  <input
                    type="radio"
                    name={`${p}result`}
                    value="passed"
                    checked={result === 'passed'}
                  />{' '}
                  合格
                </label>
                <label class="checkbox">
                  <input
                    type="radio"
                    name={`${p}result`}
                    value="failed"
                    checked={result === 'failed'}
                  />{' '}
                  不合格
                </label>
                <TextareaField
                  id={`field-items-${index}-note`}
                  name={`${p}note`}
                  label="检查说明"
                  state={form}
                />
                <details open={result === 'failed' || errors.length > 0}>
                  <summary>不合格时登记隐患</summary>
                  <HazardFields
                    prefix={`${p}hazard.`}
                    state={form}
                    descriptionLabel="问题描述（可选，缺省为“现场检查某项不合格”）"
                  />
                </details>
              </fieldset>
            );
          })}
          <SubmitButton>保存现场检查</SubmitButton>
        </Form>
      </section>
    </Layout>
  );
}

/** The posted strings → the contract's input (items with their hazards when failed). */
function inspectionInput(fields: Record<string, string>, data: Data) {
  const text = (name: string) => fields[name]?.trim() || undefined;
  const items = CHECKLISTS[data.checklist].map((definition, index) => {
    const p = `items.${index}.`;
    const result = fields[`${p}result`];
    const h = `${p}hazard.`;
    return {
      code: definition.code,
      passed: result === 'passed' ? true : result === 'failed' ? false : undefined,
      note: text(`${p}note`),
      hazard:
        result === 'failed'
          ? {
              problemType: text(`${h}problemType`),
              severity: text(`${h}severity`),
              description: text(`${h}description`),
              measure: fields[`${h}measure`] ?? '',
              responsiblePerson: fields[`${h}responsiblePerson`] ?? '',
              product: text(`${h}product`),
              deadline: deadlineOfDate(text(`${h}deadline`)),
            }
          : undefined,
    };
  });
  return {
    campaignId: data.campaign.id,
    enterpriseId: data.enterprise.id,
    categoryId: text('categoryId'),
    inspectedAt: chinaInstant(fields.inspectedAt),
    inspectors: (fields.inspectors ?? '')
      .split(/[\r\n,，、]+/)
      .map((name) => name.trim())
      .filter(Boolean),
    checklist: data.checklist,
    note: text('note'),
    items,
  };
}

async function save(c: Ctx) {
  const fields = await checkedForm(c);
  if (!fields) return forbiddenPage(c, EXPIRED_FORM);
  const ctx = await pageContext(c);
  const data = await load(c, ctx);
  if (isChecklist(fields.checklist)) data.checklist = fields.checklist;
  const result = await attempt(CreateInspectionSchema, inspectionInput(fields, data), (input) =>
    createInspection(c.var.deps, ctx.user, input),
  );
  if (!result.ok) {
    const withError = { ...ctx, error: result.error };
    const form: FormState = { values: fields, issues: result.issues };
    return render(c, <View ctx={withError} data={data} form={form} />, result.status);
  }
  return c.redirect(
    `/dashboard/inspections/${encodeURIComponent(result.value.id)}?ok=inspection_recorded`,
    303,
  );
}

export function register(router: DashboardRouter) {
  router.post('/dashboard/enterprises/:id/inspections/new', requireSession, save);
}
