import type { Context } from 'hono';
import { DomainError } from '../../../domain/errors.js';
import { SignInLinkRequestSchema } from '../../contracts/sign-in.js';
import type { AppEnv } from '../../lib/context.js';
import { endAllSessions } from '../../services/people/sessions.js';
import { landingPath, requestSignInLink } from '../../services/people/sign-in-links.js';
import { signInWithToken } from '../../services/people/token-sign-in.js';
import { Flash, FLASH_MESSAGES } from '../components/flash.js';
import { Layout } from '../components/layout.js';
import { checkedForm } from '../form-post.js';
import { EXPIRED_FORM, forbiddenPage, render, type Ctx, type DashboardRouter } from '../page.js';
import {
  clearSessionCookie,
  clientOf,
  endSession,
  readSession,
  requireSession,
  safeNext,
  sameOriginPost,
  setSessionCookie,
} from '../session.js';
import * as message from './message.js';

// Sign-in: a person types their e-mail address and gets a one-time link (pages/link.tsx opens
// it); the API-token form below stays as the city admin's fallback. Both are rate-limited per
// address and per client (429 with the reason in Chinese).

export interface LoginProps {
  next?: string;
  email?: string;
  /** The link request's outcome, or the sign-out notice. */
  info?: string;
  /** A refused link request (bad address, too many requests). */
  linkError?: string;
  /** A refused token. */
  tokenError?: string;
  linkMinutes: number;
}

export function View(props: LoginProps) {
  return (
    <Layout title="登录">
      <section class="login">
        <h2>邮箱登录</h2>
        <Flash kind="ok" text={props.info} />
        <Flash kind="err" text={props.linkError} />
        <form method="post" action="/dashboard/login/link" class="link-request">
          <label for="email">邮箱</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="email"
            required
            value={props.email ?? ''}
            placeholder="在系统中登记的邮箱"
          />
          <input type="hidden" name="next" value={props.next ?? ''} />
          <button class="primary" type="submit">
            发送登录链接
          </button>
        </form>
        <p class="muted small">
          无需密码：系统将向该邮箱发送登录链接，{props.linkMinutes}{' '}
          分钟内有效，仅可使用一次；登录状态保持 12 小时。企业用户也可直接点击提醒邮件中的链接登录。
        </p>
      </section>
      <section class="login">
        <h2>市局管理员备用登录（API 令牌）</h2>
        <Flash kind="err" text={props.tokenError} />
        <form method="post" action="/dashboard/login" class="token-login">
          <label for="token">API 令牌</label>
          <input
            id="token"
            name="token"
            type="password"
            autocomplete="off"
            required
            placeholder="粘贴市局管理员的 API 令牌"
          />
          <input type="hidden" name="next" value={props.next ?? ''} />
          <button type="submit">使用令牌登录</button>
        </form>
        <p class="muted small">
          API
          令牌供系统对接和脚本使用；仅市局管理员可在邮件无法送达时用它登录看板。令牌仅用于核验身份，不会保存在浏览器中；吊销令牌即结束用它打开的登录。
        </p>
      </section>
    </Layout>
  );
}

const asApp = (c: Ctx) => c as unknown as Context<AppEnv>;

const refusedOrigin = (c: Ctx) =>
  render(
    c,
    <message.View title="请求被拒绝" text="请求来源校验失败，请从登录页面重新登录。" />,
    403,
  );

/** A 429 with the rate limit's message and when to retry. */
export function rateLimited(c: Ctx, error: DomainError) {
  const retry = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
  if (retry) c.header('Retry-After', String(retry));
  return error.message;
}

export function register(router: DashboardRouter) {
  const linkMinutes = (c: Ctx) => c.var.deps.signIn.linkMinutes;

  router.get('/dashboard/login', async (c) => {
    const session = await readSession(asApp(c));
    if (session) return c.redirect('/dashboard', 303);
    const next = c.req.query('next');
    const ok = c.req.query('ok');
    const info =
      ok === 'signed_out' || ok === 'signed_out_everywhere' ? FLASH_MESSAGES[ok] : undefined;
    return render(
      c,
      <View next={next ? safeNext(next) : undefined} info={info} linkMinutes={linkMinutes(c)} />,
    );
  });

  router.post('/dashboard/login/link', async (c) => {
    if (!(await sameOriginPost(c))) return refusedOrigin(c);
    const body = await c.req.parseBody();
    const email = typeof body.email === 'string' ? body.email : '';
    // The fresh-link page passes on an old link's landing page, anchor included.
    const next = landingPath(typeof body.next === 'string' ? body.next : undefined);
    const props = { next, email, linkMinutes: linkMinutes(c) };
    const parsed = SignInLinkRequestSchema.safeParse({ email, next });
    if (!parsed.success) {
      return render(c, <View {...props} linkError={parsed.error.issues[0]!.message} />, 400);
    }
    try {
      await requestSignInLink(c.var.deps, null, { ...parsed.data, client: clientOf(asApp(c)) });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'RATE_LIMITED') {
        return render(c, <View {...props} linkError={rateLimited(c, error)} />, 429);
      }
      throw error;
    }
    const info = `如果 ${parsed.data.email} 已开通账号，登录链接已发送至该邮箱，请在 ${props.linkMinutes} 分钟内打开。未收到时请检查垃圾邮件，或稍后重新获取。`;
    return render(c, <View {...props} info={info} />);
  });

  router.post('/dashboard/login', async (c) => {
    if (!(await sameOriginPost(c))) return refusedOrigin(c);
    const body = await c.req.parseBody();
    const token = typeof body.token === 'string' ? body.token : '';
    const next = safeNext(body.next);
    const props = { next, linkMinutes: linkMinutes(c) };
    if (!token.trim()) return render(c, <View {...props} tokenError="请输入 API 令牌。" />, 400);
    try {
      const session = await signInWithToken(c.var.deps, null, {
        token,
        client: clientOf(asApp(c)),
      });
      setSessionCookie(asApp(c), session);
      c.var.logger.info('dashboard sign-in', { userId: session.user.id, method: 'api_token' });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'RATE_LIMITED') {
        return render(c, <View {...props} tokenError={rateLimited(c, error)} />, 429);
      }
      const status = error.code === 'FORBIDDEN' ? 403 : 400;
      return render(c, <View {...props} tokenError={error.message} />, status);
    }
    return c.redirect(next, 303);
  });

  router.post('/dashboard/logout', requireSession, async (c) => {
    if (!(await checkedForm(c))) return forbiddenPage(c, EXPIRED_FORM);
    await endSession(asApp(c));
    return c.redirect('/dashboard/login?ok=signed_out', 303);
  });

  router.post('/dashboard/logout/everywhere', requireSession, async (c) => {
    if (!(await checkedForm(c))) return forbiddenPage(c, EXPIRED_FORM);
    await endAllSessions(c.var.deps, c.var.session.user);
    clearSessionCookie(asApp(c));
    return c.redirect('/dashboard/login?ok=signed_out_everywhere', 303);
  });
}
