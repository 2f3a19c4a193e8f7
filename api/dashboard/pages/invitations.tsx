import { DomainError } from '../../../domain/errors.js';
import type { InvitationReport } from '../../contracts/invitations.js';
import { inviteContacts } from '../../services/people/invitations.js';
import { Flash } from '../components/flash.js';
import { Form } from '../components/forms.js';
import { Layout } from '../components/layout.js';
import { checkedForm } from '../form-post.js';
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
import { registerPath, registerUnit, type RegisterUnit } from './register.js';

// Inviting the contacts of a unit's register (unit officers, city admin): the page is the
// preview — every contact with what inviting the whole register would do — with 「邀请」 per
// contact (one by one; an existing account gets a fresh link) and one button for all. Both post
// to the invitations service, as POST /api/invitations does.

export const invitationsPath = (unitId: string) => `/dashboard/units/${unitId}/invitations`;

interface Data {
  unit: RegisterUnit;
  preview: InvitationReport;
  /** The report of the invitation just sent. */
  result?: InvitationReport;
}

export async function load(c: Ctx, ctx: PageContext): Promise<Data> {
  const unit = await registerUnit(c, ctx);
  const preview = await inviteContacts(c.var.deps, ctx.user, { unitId: unit.id, dryRun: true });
  return { unit, preview };
}

function ResultView({ result }: { result: InvitationReport }) {
  const failed = result.items.filter((i) => i.sent === false);
  return (
    <section id="result">
      <h2>邀请结果</h2>
      <Flash
        kind="ok"
        text={`已邀请 ${result.invited} 位联系人（新开通账号 ${result.created} 个），未邀请 ${result.skipped} 位。`}
      />
      <Flash
        kind="err"
        text={
          failed.length > 0
            ? `${failed.length} 封邀请邮件未能发送（${failed.map((i) => i.email).join('、')}），账号已开通，可稍后逐个重新邀请。`
            : undefined
        }
      />
      <table class="invitation-result">
        <thead>
          <tr>
            <th>企业</th>
            <th>联系人</th>
            <th>邮箱</th>
            <th>处理</th>
          </tr>
        </thead>
        <tbody>
          {result.items.map((i) => (
            <tr data-contact={i.contactId}>
              <td>{i.enterprise.name}</td>
              <td>{i.contactName}</td>
              <td>{i.email ?? '—'}</td>
              <td>
                {i.outcomeName}
                {i.sent === false && '（邮件未发送）'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function View({ ctx, data }: { ctx: PageContext; data: Data }) {
  const { unit, preview, result } = data;
  const path = invitationsPath(unit.id);
  return (
    <Layout
      title={`${unit.name} · 邀请企业联系人`}
      user={ctx.user}
      csrfToken={ctx.csrfToken}
      crumbs={[
        { href: '/dashboard', label: homeLabel(ctx.user) },
        { href: `/dashboard/units/${unit.id}`, label: unit.name },
        { href: registerPath(unit.id), label: '企业名录' },
        { label: '邀请企业联系人' },
      ]}
    >
      <Flash kind="err" text={ctx.error} />
      {result && <ResultView result={result} />}
      <section id="preview">
        <h2>企业联系人（{preview.total} 位）</h2>
        <p class="small">
          邀请后，系统为联系人的邮箱开通企业账号（只能查看本企业的隐患和提醒），并发送登录链接邮件；此后联系人在登录页输入邮箱即可登录，无需密码。下表“全部邀请时”一列为点击下方按钮后对每位联系人的处理。
        </p>
        <div class="scroll">
          <table class="invitations">
            <thead>
              <tr>
                <th>企业</th>
                <th>联系人</th>
                <th>邮箱</th>
                <th>全部邀请时</th>
                <th>逐个邀请</th>
              </tr>
            </thead>
            <tbody>
              {preview.items.map((i) => (
                <tr data-contact={i.contactId}>
                  <td>{i.enterprise.name}</td>
                  <td>{i.contactName}</td>
                  <td>{i.email ?? '—'}</td>
                  <td>{i.outcomeName}</td>
                  <td>
                    {(i.outcome === 'create' || i.outcome === 'exists') && (
                      <Form action={path} csrfToken={ctx.csrfToken} class="inline invite-one">
                        <input type="hidden" name="contactId" value={i.contactId} />
                        <button type="submit">
                          {i.outcome === 'create' ? '邀请' : '重新发送登录链接'}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {preview.invited > 0 ? (
          <Form action={path} csrfToken={ctx.csrfToken} class="invite-all">
            <input type="hidden" name="all" value="true" />
            <p class="small">
              将为 {preview.created} 位联系人开通账号并发送邀请邮件；已有账号的联系人不重复发送。
            </p>
            <button class="primary" type="submit">
              全部邀请（{preview.invited} 位）
            </button>
          </Form>
        ) : (
          <p class="muted">没有待邀请的联系人。</p>
        )}
      </section>
    </Layout>
  );
}

async function postInvite(c: Ctx) {
  const body = await checkedForm(c);
  if (!body) return forbiddenPage(c, EXPIRED_FORM);
  const ctx = await pageContext(c);
  const unit = await registerUnit(c, ctx);
  const input =
    body.all === 'true'
      ? { unitId: unit.id }
      : { contactIds: body.contactId ? [body.contactId] : [] };
  let result: InvitationReport;
  try {
    result = await inviteContacts(c.var.deps, ctx.user, { ...input, dryRun: false });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'VALIDATION_FAILED') {
      const withError = { ...ctx, error: '邀请未成功：联系人不存在或不在本单位企业名录中。' };
      return render(c, <View ctx={withError} data={await load(c, withError)} />, 400);
    }
    throw error;
  }
  return render(c, <View ctx={ctx} data={{ ...(await load(c, ctx)), result }} />);
}

export function register(router: DashboardRouter) {
  router.post('/dashboard/units/:id/invitations', requireSession, postInvite);
}
