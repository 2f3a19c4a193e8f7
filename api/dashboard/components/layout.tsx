import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { ROLE_NAMES } from '../../contracts/roles.js';
import type { AuthUser } from '../../lib/context.js';

// One small stylesheet, served inline with every page (no CDN, no client-side framework).
const STYLES = `
:root{--ink:#1f2933;--muted:#616e7c;--line:#d9e2ec;--bg:#f5f7fa;--brand:#0b4f8a;--ok:#2f855a;
--warn:#b7791f;--bad:#c53030;--info:#2b6cb0}
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
color:var(--ink);background:var(--bg);font-size:14px;line-height:1.5}
header.top{background:var(--brand);color:#fff;padding:10px 24px;display:flex;align-items:center;gap:16px}
header.top h1{font-size:17px;margin:0;font-weight:600;flex:1}
header.top a{color:#fff}
header.top form{margin:0}
header.top button{background:transparent;color:#fff;border:1px solid #fff8;border-radius:4px;padding:3px 10px;cursor:pointer}
main{padding:16px 24px;max-width:1500px;margin:0 auto}
nav.crumbs{margin-bottom:10px;color:var(--muted)}
a{color:var(--brand)}
section{background:#fff;border:1px solid var(--line);border-radius:6px;padding:14px 16px;margin-bottom:16px}
section h2{font-size:15px;margin:0 0 10px}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid var(--line);padding:5px 7px;text-align:left;vertical-align:top}
th{background:#eef2f7;font-weight:600;white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;border-radius:3px;padding:0 6px;font-size:12px;white-space:nowrap;border:1px solid transparent}
.s-ok{background:#e6f4ea;color:var(--ok)} .s-late{background:#fff4e0;color:var(--warn)}
.s-overdue{background:#fde8e8;color:var(--bad)} .s-pending{background:#e8f0fb;color:var(--info)}
.s-future{background:#f0f2f5;color:var(--muted)} .s-listed{background:var(--bad);color:#fff}
.flash{padding:8px 12px;border-radius:4px;margin-bottom:12px}
.flash.ok{background:#e6f4ea;color:var(--ok);border:1px solid #b7dfc3}
.flash.err{background:#fde8e8;color:var(--bad);border:1px solid #f5b5b5}
.muted{color:var(--muted)} .small{font-size:12px}
form.inline{display:inline}
label{display:block;margin:8px 0 4px;font-weight:600}
input[type=text],input[type=email],input[type=password],input[type=date],input[type=datetime-local],input[type=number],textarea,select{width:100%;max-width:640px;padding:6px 8px;border:1px solid #bcccdc;border-radius:4px;font:inherit}
textarea{min-height:80px}
button.primary{display:block;background:var(--brand);color:#fff;border:0;border-radius:4px;padding:6px 16px;margin-top:8px;cursor:pointer;font:inherit}
.login{max-width:520px;margin:60px auto}
label.checkbox{font-weight:normal} nav.pager{margin-top:8px}
form.list-controls{margin-bottom:10px} form.list-controls button{margin-top:8px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin-bottom:16px}
.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px 16px;min-width:150px}
.card b{display:block;font-size:22px}
.scroll{overflow-x:auto}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0}
dl.facts dt{color:var(--muted)} dl.facts dd{margin:0}
svg text{font-family:inherit}
.hazard{border-top:1px solid var(--line);padding-top:10px;margin-top:10px}
`;

export interface Crumb {
  href?: string;
  label: string;
}

/** The page frame: title, the signed-in user with the sign-out form, breadcrumbs, the body. */
export function Layout(props: {
  title: string;
  user?: AuthUser;
  csrfToken?: string;
  crumbs?: Crumb[];
  children?: Child;
}) {
  const { title, user, csrfToken, crumbs, children } = props;
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="zh-CN">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{title} · 隐患排查治理专项行动看板</title>
          <style dangerouslySetInnerHTML={{ __html: STYLES }} />
        </head>
        <body>
          <header class="top">
            <h1>
              <a href="/dashboard" style="text-decoration:none">
                重点工业产品质量安全隐患排查治理专项行动 · 工作看板
              </a>
            </h1>
            {user && (
              <>
                <span>
                  {user.name}（{ROLE_NAMES[user.role]}）
                </span>
                {(user.role === 'city_admin' || user.role === 'unit_officer') && (
                  <a href="/dashboard/users">用户管理</a>
                )}
                <form method="post" action="/dashboard/logout">
                  <input type="hidden" name="_csrf" value={csrfToken ?? ''} />
                  <button type="submit">退出登录</button>
                </form>
                <form method="post" action="/dashboard/logout/everywhere" class="everywhere">
                  <input type="hidden" name="_csrf" value={csrfToken ?? ''} />
                  <button type="submit" title="结束本账号在所有设备和浏览器上的登录">
                    退出所有设备
                  </button>
                </form>
              </>
            )}
          </header>
          <main>
            {crumbs && crumbs.length > 0 && (
              <nav class="crumbs">
                {crumbs.map((crumb, index) => (
                  <>
                    {index > 0 && ' › '}
                    {crumb.href ? <a href={crumb.href}>{crumb.label}</a> : crumb.label}
                  </>
                ))}
              </nav>
            )}
            {children}
          </main>
        </body>
      </html>
    </>
  );
}
