import type { Context } from 'hono';
import type { AppEnv } from '../../lib/context.js';
import { Flash, FLASH_MESSAGES } from '../components/flash.js';
import { Layout } from '../components/layout.js';
import { checkedForm } from '../form-post.js';
import { EXPIRED_FORM, forbiddenPage, render, type Ctx, type DashboardRouter } from '../page.js';
import {
  endSession,
  readSession,
  requireSession,
  safeNext,
  sameOriginPost,
  startSession,
  userForToken,
} from '../session.js';
import * as message from './message.js';

/** Sign-in with an API token (the session cookie is set by the route in index.ts). */
export function View(props: { error?: string; next?: string; info?: string }) {
  return (
    <Layout title="登录">
      <section class="login">
        <h2>使用 API 令牌登录</h2>
        <Flash kind="err" text={props.error} />
        <Flash kind="ok" text={props.info} />
        <form method="post" action="/dashboard/login">
          <label for="token">API 令牌</label>
          <input
            id="token"
            name="token"
            type="password"
            autocomplete="off"
            required
            placeholder="粘贴管理员发放的 API 令牌"
          />
          <input type="hidden" name="next" value={props.next ?? ''} />
          <button class="primary" type="submit">
            登录
          </button>
        </form>
        <p class="muted small">
          令牌仅用于核验身份，不会保存在浏览器中；登录状态保持 12 小时。演示令牌见数据目录下的
          demo-tokens.json。
        </p>
      </section>
    </Layout>
  );
}

const asApp = (c: Ctx) => c as unknown as Context<AppEnv>;

export function register(router: DashboardRouter) {
  router.get('/dashboard/login', async (c) => {
    const session = await readSession(asApp(c));
    if (session) return c.redirect('/dashboard', 303);
    const next = c.req.query('next');
    const info = c.req.query('ok') === 'signed_out' ? FLASH_MESSAGES.signed_out : undefined;
    return render(c, <View next={next ? safeNext(next) : undefined} info={info} />);
  });

  router.post('/dashboard/login', async (c) => {
    if (!(await sameOriginPost(c))) {
      return render(
        c,
        <message.View title="请求被拒绝" text="请求来源校验失败，请从登录页面重新登录。" />,
        403,
      );
    }
    const body = await c.req.parseBody();
    const token = typeof body.token === 'string' ? body.token : '';
    const user = await userForToken(asApp(c), token);
    if (!user) {
      const error = token.trim()
        ? 'API 令牌无效、已被吊销或账号已停用，请核对后重试。'
        : '请输入 API 令牌。';
      return render(c, <View error={error} next={safeNext(body.next)} />, 400);
    }
    if (user.role === 'service') {
      return render(c, <View error="系统服务账号不能登录工作看板。" />, 403);
    }
    await startSession(asApp(c), user);
    c.var.logger.info('dashboard sign-in', { userId: user.id, role: user.role });
    return c.redirect(safeNext(body.next), 303);
  });

  router.post('/dashboard/logout', requireSession, async (c) => {
    if (!(await checkedForm(c))) return forbiddenPage(c, EXPIRED_FORM);
    await endSession(asApp(c));
    return c.redirect('/dashboard/login?ok=signed_out', 303);
  });
}
