import { DomainError } from '../../../domain/errors.js';
import type { FieldIssue } from '../../contracts/common.js';
import { ListedSupervisionSchema } from '../../contracts/units.js';
import { getUnit, setListedSupervision } from '../../services/register/units.js';
import { Badge } from '../components/badges.js';
import {
  DateField,
  Form,
  SubmitButton,
  TextareaField,
  TextField,
  type FormState,
} from '../components/forms.js';
import { checkedForm, formInput } from '../form-post.js';
import {
  EXPIRED_FORM,
  forbiddenPage,
  pageContext,
  render,
  type Ctx,
  type DashboardRouter,
  type PageContext,
} from '../page.js';
import { describeInstant } from '../queries.js';
import { requireSession } from '../session.js';
import * as unitPage from './unit.js';

// 挂牌督办 on the unit page: the current listing (reason, items, deadline), the earlier ones, and
// for the city admin the forms to list the unit or lift the listing. Posted to the same service
// as POST /api/units/:id/listed-supervision.

export type Listing = Awaited<ReturnType<typeof getUnit>>['listings'][number];

export interface ListingData {
  listing: Listing | null;
  listings: Listing[];
}

export async function loadListings(c: Ctx, ctx: PageContext, unitId: string) {
  const unit = await getUnit(c.var.deps, ctx.user, { id: unitId });
  return { listing: unit.listing, listings: unit.listings } satisfies ListingData;
}

export function ListingSection(props: {
  ctx: PageContext;
  unitId: string;
  data: ListingData;
  form?: FormState;
}) {
  const { ctx, unitId, data, form } = props;
  const admin = ctx.user.role === 'city_admin';
  const current = data.listing;
  const earlier = data.listings.filter((l) => l.liftedAt !== null);
  return (
    <section id="listing">
      <h2>挂牌督办</h2>
      {current ? (
        <div class="listing-current">
          <p>
            <Badge tone="listed">挂牌督办中</Badge> 自{' '}
            {describeInstant(ctx.campaign, new Date(current.openedAt))} 起
          </p>
          <dl class="facts">
            <dt>督办理由</dt>
            <dd>{current.reason}</dd>
            <dt>督办事项</dt>
            <dd>
              {current.items.length > 0 ? (
                <ol class="listing-items">
                  {current.items.map((item) => (
                    <li>{item}</li>
                  ))}
                </ol>
              ) : (
                '—'
              )}
            </dd>
            <dt>督办期限</dt>
            <dd class="listing-deadline">
              {current.deadlineDate ? `${current.deadlineDate} 24:00 前` : '未规定'}
            </dd>
          </dl>
        </div>
      ) : (
        <p class="muted">本单位目前未被挂牌督办。</p>
      )}
      {admin && current && (
        <Form action={`/dashboard/units/${unitId}/listed-supervision`} csrfToken={ctx.csrfToken}>
          <input type="hidden" name="listed" value="false" />
          <TextField name="reason" id="lift-reason" label="解除理由" state={form} required />
          <SubmitButton>解除挂牌</SubmitButton>
        </Form>
      )}
      {admin && !current && (
        <Form action={`/dashboard/units/${unitId}/listed-supervision`} csrfToken={ctx.csrfToken}>
          <input type="hidden" name="listed" value="true" />
          <TextField name="reason" label="督办理由" state={form} required />
          <TextareaField name="items" label="督办事项（每行一项）" state={form} />
          <DateField name="deadline" label="督办期限" state={form} />
          <SubmitButton>挂牌督办</SubmitButton>
        </Form>
      )}
      {earlier.length > 0 && (
        <>
          <h3>历次挂牌督办</h3>
          <table class="listings">
            <thead>
              <tr>
                <th>挂牌时间</th>
                <th>督办理由</th>
                <th>督办事项</th>
                <th>督办期限</th>
                <th>解除时间</th>
                <th>解除理由</th>
              </tr>
            </thead>
            <tbody>
              {earlier.map((l) => (
                <tr>
                  <td>{describeInstant(ctx.campaign, new Date(l.openedAt))}</td>
                  <td>{l.reason}</td>
                  <td>{l.items.join('；') || '—'}</td>
                  <td>{l.deadlineDate ?? '—'}</td>
                  <td>{l.liftedAt ? describeInstant(ctx.campaign, new Date(l.liftedAt)) : '—'}</td>
                  <td>{l.liftReason ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

async function postListing(c: Ctx) {
  const body = await checkedForm(c);
  if (!body) return forbiddenPage(c, EXPIRED_FORM);
  const ctx = await pageContext(c);
  const id = c.req.param('id') ?? '';
  const listed = body.listed === 'true';
  const values = { reason: body.reason, items: body.items, deadline: body.deadline };
  const back = async (error: string, issues: FieldIssue[], status: 400 | 409) => {
    const withError = { ...ctx, error };
    const data = await unitPage.load(c, withError);
    return render(
      c,
      <unitPage.View ctx={withError} data={data} listingForm={{ values, issues }} />,
      status,
    );
  };
  const parsed = ListedSupervisionSchema.safeParse(formInput(ListedSupervisionSchema, body));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return back('提交未成功，请按提示修改后重试。', issues, 400);
  }
  try {
    await setListedSupervision(c.var.deps, ctx.user, { id, ...parsed.data });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'VALIDATION_FAILED') {
      const issues = Array.isArray(error.details) ? (error.details as FieldIssue[]) : [];
      return back('提交未成功，请按提示修改后重试。', issues, 400);
    }
    throw error;
  }
  const ok = listed ? 'unit_listed' : 'unit_unlisted';
  return c.redirect(`/dashboard/units/${encodeURIComponent(id)}?ok=${ok}#listing`, 303);
}

export function register(router: DashboardRouter) {
  router.post('/dashboard/units/:id/listed-supervision', requireSession, postListing);
}
