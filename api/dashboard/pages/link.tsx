import type { Context } from 'hono';
import { DomainError } from '../../../domain/errors.js';
import { ROLE_NAMES } from '../../contracts/roles.js';
import type { AppEnv, AuthUser } from '../../lib/context.js';
import {
  inspectLink,
  landingPath,
  requestFreshLink,
  useLink,
  type LinkState,
} from '../../services/people/sign-in-links.js';
import { Flash } from '../components/flash.js';
import { Layout } from '../components/layout.js';
import { render, type Ctx, type DashboardRouter } from '../page.js';
import { clientOf, endSession, readSession, sameOriginPost, setSessionCookie } from '../session.js';
import { rateLimited } from './login.js';

// Opening a sign-in link. Mail scanners fetch the links in a message before the person does, so
// a GET never uses up a single-use link: it shows one 「登录」 button that posts to the same
// address and consumes it. A reminder's link is not single use (it works until it expires, for
// one user and one record), so its GET opens the session at once and lands on the record: the
// enterprise is one click from its hazard, and a scanner's fetch takes nothing away from it.
// A link that cannot be used (expired, used, user disabled, unknown) leads to a page that offers
// a fresh link by e-mail — never an error status or code.

const linkPath = (secret: string) => `/dashboard/link/${encodeURIComponent(secret)}`;

function ConfirmView(props: { secret: string; user: AuthUser; error?: string }) {
  return (
    <Layout title="登录">
      <section class="login">
        <h2>登录专项行动管理系统</h2>
        <Flash kind="err" text={props.error} />
        <p>
          将以 <b>{props.user.name}</b>（{ROLE_NAMES[props.user.role]}）的身份登录。
        </p>
        <form method="post" action={linkPath(props.secret)} class="link-confirm">
          <button class="primary" type="submit">
            登录
          </button>
        </form>
        <p class="muted small">登录链接仅可使用一次；登录状态保持 12 小时。</p>
      </section>
    </Layout>
  );
}

const REASONS: Record<Exclude<LinkState['state'], 'valid'>, string> = {
  expired: '该登录链接已过期。',
  used: '该登录链接已使用过（每个登录链接只能使用一次）。',
  disabled: '该登录链接已失效。',
  unknown: '该登录链接已失效。',
};

export function FreshLinkView(props: {
  secret: string;
  state: Exclude<LinkState['state'], 'valid'>;
  /** Where the old link led, for the e-mail form. */
  next?: string;
  info?: string;
  error?: string;
  linkMinutes: number;
}) {
  const known = props.state !== 'unknown';
  return (
    <Layout title="获取新的登录链接">
      <section class="login fresh-link">
        <h2>获取新的登录链接</h2>
        <Flash kind="ok" text={props.info} />
        <Flash kind="err" text={props.error} />
        <p>{REASONS[props.state]}您可以获取一个新的登录链接，无需密码。</p>
        {known && (
          <form method="post" action={`${linkPath(props.secret)}/renew`} class="renew">
            <button class="primary" type="submit">
              发送新的登录链接到原邮箱
            </button>
          </form>
        )}
        <form method="post" action="/dashboard/login/link" class="link-request">
          <label for="email">{known ? '或输入邮箱' : '邮箱'}</label>
          <input id="email" name="email" type="email" autocomplete="email" required />
          <input type="hidden" name="next" value={props.next ?? ''} />
          <button class="primary" type="submit">
            发送登录链接
          </button>
        </form>
        <p class="muted small">
          新链接 {props.linkMinutes}{' '}
          分钟内有效，仅可使用一次，打开后进入原来的页面。如仍无法登录（例如账号已停用），请联系所在实施单位的工作人员。
        </p>
      </section>
    </Layout>
  );
}

const asApp = (c: Ctx) => c as unknown as Context<AppEnv>;

export function register(router: DashboardRouter) {
  const fresh = (c: Ctx, secret: string, found: Exclude<LinkState, { state: 'valid' }>) =>
    render(
      c,
      <FreshLinkView
        secret={secret}
        state={found.state}
        next={'link' in found ? landingPath(found.link.target) : undefined}
        linkMinutes={c.var.deps.signIn.linkMinutes}
      />,
    );

  /** Uses the link; the browser's earlier session (if any) is signed out first. */
  async function signIn(c: Ctx, secret: string) {
    const current = await readSession(asApp(c));
    const used = await useLink(c.var.deps, null, { secret, client: clientOf(asApp(c)) });
    if (used.state !== 'signed_in') return fresh(c, secret, used);
    if (current) await endSession(asApp(c));
    setSessionCookie(asApp(c), used.session);
    c.var.logger.info('dashboard sign-in', { userId: used.session.user.id, method: 'link' });
    return c.redirect(used.target, 303);
  }

  router.get('/dashboard/link/:secret', async (c) => {
    const secret = c.req.param('secret');
    const found = await inspectLink(c.var.deps, null, { secret });
    if (found.state !== 'valid') return fresh(c, secret, found);
    if (found.link.purpose !== 'reminder') {
      return render(c, <ConfirmView secret={secret} user={found.user} />);
    }
    // Already signed in as that user: no new session, straight to the record.
    const current = await readSession(asApp(c));
    if (current?.user.id === found.user.id) return c.redirect(landingPath(found.link.target), 303);
    return signIn(c, secret);
  });

  router.post('/dashboard/link/:secret', async (c) => {
    const secret = c.req.param('secret');
    if (!(await sameOriginPost(c))) {
      const found = await inspectLink(c.var.deps, null, { secret });
      if (found.state !== 'valid') return fresh(c, secret, found);
      const error = '请求来源校验失败，请点击下方“登录”按钮重试。';
      return render(c, <ConfirmView secret={secret} user={found.user} error={error} />, 403);
    }
    return signIn(c, secret);
  });

  router.post('/dashboard/link/:secret/renew', async (c) => {
    const secret = c.req.param('secret');
    const found = await inspectLink(c.var.deps, null, { secret });
    const state = found.state === 'valid' ? 'disabled' : found.state;
    const view = (extra: { info?: string; error?: string }) => (
      <FreshLinkView
        secret={secret}
        state={state}
        next={'link' in found ? landingPath(found.link.target) : undefined}
        linkMinutes={c.var.deps.signIn.linkMinutes}
        {...extra}
      />
    );
    if (!(await sameOriginPost(c))) {
      return render(c, view({ error: '请求来源校验失败，请刷新页面后重试。' }), 403);
    }
    try {
      await requestFreshLink(c.var.deps, null, { secret, client: clientOf(asApp(c)) });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'RATE_LIMITED') {
        return render(c, view({ error: rateLimited(c, error) }), 429);
      }
      throw error;
    }
    const info = `如该账号仍可登录，新的登录链接已发送至原邮箱，请在 ${c.var.deps.signIn.linkMinutes} 分钟内打开。`;
    return render(c, view({ info }));
  });
}
