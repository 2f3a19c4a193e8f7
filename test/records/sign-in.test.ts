import path from 'node:path';
import os from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { hashToken } from '../../api/lib/tokens.js';
import { startApi } from '../../api/runtime.js';
import { createFileStore } from '../../lib/file-store.js';
import { createLogger } from '../../lib/logger.js';
import { DATABASE_KINDS } from '../support/databases.js';
import { createCampaign, createEnterprise, createUser } from '../support/fixtures.js';
import {
  formHeaders,
  linkIn,
  mailTo,
  requestLink,
  sessionCookie,
  signInOverHttp,
  useLinkOverHttp,
} from '../support/sign-in.js';
import { startTestStack, type TestStack } from '../support/stack.js';

// Sign-in over HTTP, as a browser's forms would post it: links (single use, GET never consumes),
// the fresh-link page, the token form for the city admin only, sessions ending, rate limits
// (counted in the database: two API processes on one PostgreSQL database share them), and the
// sign-in links reminders carry. Clients are told apart by X-Forwarded-For (trustProxy).

const LIMITS = { perAddress: 4, perClient: 6, windowMinutes: 15 };
const DAY = 86_400_000;

describe.each(DATABASE_KINDS)('sign-in on %s', (database) => {
  let stack: TestStack;
  let clients = 0;
  /** A client address of its own for each use, so that per-client limits stay apart. */
  const client = () => `198.51.100.${++clients}`;

  beforeAll(async () => {
    stack = await startTestStack({
      database,
      worker: false,
      signIn: { limits: LIMITS, trustProxy: true },
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const dashboard = (cookie: string, page = '/dashboard') =>
    fetch(`${stack.api.url}${page}`, { headers: { cookie }, redirect: 'manual' });
  const audits = (entityId: string, action: string) =>
    stack.api.db.prisma.auditLog.findMany({ where: { entityId, action }, orderBy: { at: 'asc' } });

  it('mails a single-use link bound to the user, stores only its hash, and answers alike for unknown addresses', async () => {
    const officer = await createUser(stack, {
      role: 'unit_officer',
      unitCode: 'huangpu',
      email: 'Link.Officer@Test.local',
    });
    const since = stack.smtp.messages.length;
    const asked = await requestLink(stack, 'link.officer@test.local', {
      client: client(),
      next: '/dashboard/users',
    });
    expect(asked.status).toBe(200);
    const page = await asked.text();
    expect(page).toContain('登录链接已发送至该邮箱');
    const unknown = await requestLink(stack, 'nobody@test.local', { client: client() });
    expect(unknown.status).toBe(200);
    expect(await unknown.text()).toContain('登录链接已发送至该邮箱');

    const mail = await mailTo(stack, 'Link.Officer@Test.local', '登录链接', since);
    expect(mail.text).toContain('仅可使用一次');
    const link = linkIn(mail);
    const secret = link.split('/').at(-1)!;
    const rows = await stack.api.db.prisma.signInLink.findMany({ where: { userId: officer.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      tokenHash: hashToken(secret),
      purpose: 'email',
      target: '/dashboard/users',
      usedAt: null,
    });
    expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBe(15 * 60_000);
    expect(JSON.stringify(rows)).not.toContain(secret);
    // Nothing was mailed for the unknown address.
    await new Promise((r) => setTimeout(r, 300));
    expect(stack.smtp.messages.slice(since).some((m) => m.to.includes('nobody@test.local'))).toBe(
      false,
    );
    expect(await audits(rows[0]!.id, 'issue')).toHaveLength(1);

    // A mail scanner's GETs do not use it up: the page only offers 「登录」.
    for (let i = 0; i < 2; i += 1) {
      const viewed = await fetch(link, { redirect: 'manual' });
      expect(viewed.status).toBe(200);
      expect(sessionCookie(viewed)).toBeUndefined();
      expect(await viewed.text()).toContain('登录</button>');
    }
    const opened = await useLinkOverHttp(link, client());
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/dashboard/users');
    const cookie = sessionCookie(opened)!;
    expect((await dashboard(cookie, '/dashboard/users')).status).toBe(200);
    const session = await stack.api.db.prisma.session.findFirstOrThrow({
      where: { userId: officer.id },
    });
    expect(session).toMatchObject({ method: 'email_link', role: 'unit_officer', apiTokenId: null });
    const signIns = await audits(officer.id, 'sign_in');
    expect(signIns).toHaveLength(1);
    expect(signIns[0]!.after).toMatchObject({ method: 'email_link', linkId: rows[0]!.id });

    // Used: the same link again is the fresh-link page, not an error.
    const again = await useLinkOverHttp(link, client());
    expect(again.status).toBe(200);
    const text = await again.text();
    expect(text).toContain('已使用过');
    expect(text).toContain('发送新的登录链接');
    expect(sessionCookie(again)).toBeUndefined();
  });

  it('sends an expired link’s owner a fresh one to the same page; a disabled user gets none', async () => {
    const enterprise = await createEnterprise(stack, 'unitOfficer');
    const member = await createUser(stack, {
      role: 'enterprise_user',
      enterpriseId: enterprise.id,
      email: 'expired@enterprise.test',
    });
    const since = stack.smtp.messages.length;
    await requestLink(stack, 'expired@enterprise.test', {
      client: client(),
      next: `/dashboard/enterprises/${enterprise.id}`,
    });
    const link = linkIn(await mailTo(stack, 'expired@enterprise.test', '登录链接', since));
    await stack.api.db.prisma.signInLink.updateMany({
      where: { userId: member.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    for (const response of [await fetch(link), await useLinkOverHttp(link, client())]) {
      expect(response.status).toBe(200);
      const page = await response.text();
      expect(page).toContain('该登录链接已过期');
      expect(page).not.toMatch(/\b(4\d\d|5\d\d)\b|LINK_|EXPIRED/);
    }
    const before = stack.smtp.messages.length;
    const renewed = await fetch(`${link}/renew`, {
      method: 'POST',
      headers: formHeaders(stack.api.url, client()),
      redirect: 'manual',
    });
    expect(renewed.status).toBe(200);
    expect(await renewed.text()).toContain('新的登录链接已发送至原邮箱');
    const fresh = linkIn(await mailTo(stack, 'expired@enterprise.test', '登录链接', before));
    expect(fresh).not.toBe(link);
    const opened = await useLinkOverHttp(fresh, client());
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe(`/dashboard/enterprises/${enterprise.id}`);

    // Disabled: its session stops at the next request, its links lead to the fresh-link page,
    // and asking for a new one mails nothing.
    const cookie = sessionCookie(opened)!;
    expect((await dashboard(cookie)).status).toBe(200);
    const disabled = await stack.call('PATCH', `/api/users/${member.id}`, {
      body: { disabled: true },
    });
    expect(disabled.status).toBe(200);
    const refused = await dashboard(cookie);
    expect(refused.status).toBe(303);
    expect(refused.headers.get('location')).toMatch(/^\/dashboard\/login/);
    expect(await stack.api.db.prisma.session.count({ where: { userId: member.id } })).toBe(0);
    const afterDisable = await fetch(fresh);
    expect(afterDisable.status).toBe(200);
    expect(await afterDisable.text()).toContain('该登录链接已失效');
    const count = stack.smtp.messages.length;
    expect((await requestLink(stack, 'expired@enterprise.test', { client: client() })).status).toBe(
      200,
    );
    const renewedDisabled = await fetch(`${fresh}/renew`, {
      method: 'POST',
      headers: formHeaders(stack.api.url, client()),
    });
    expect(renewedDisabled.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(stack.smtp.messages.length).toBe(count);
  });

  it('lets only the city admin sign in with an API token; revoking it ends that session', async () => {
    const post = (token: string) =>
      fetch(`${stack.api.url}/dashboard/login`, {
        method: 'POST',
        headers: formHeaders(stack.api.url, client()),
        body: new URLSearchParams({ token }),
        redirect: 'manual',
      });
    const wrong = await post('hcm_not-a-token');
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('API 令牌无效');
    const officer = await post(stack.tokens.unitOfficer);
    expect(officer.status).toBe(403);
    expect(await officer.text()).toContain('API 令牌仅供系统对接使用');
    expect(sessionCookie(officer)).toBeUndefined();

    const admin = await stack.api.db.prisma.user.findUniqueOrThrow({
      where: { seedKey: 'demo:cityAdmin' },
    });
    const issued = await stack.call('POST', `/api/users/${admin.id}/tokens`, {
      body: { label: '备用登录' },
    });
    const signedIn = await post(issued.body.token);
    expect(signedIn.status).toBe(303);
    const cookie = sessionCookie(signedIn)!;
    expect((await dashboard(cookie)).status).toBe(200);
    const session = await stack.api.db.prisma.session.findFirstOrThrow({
      where: { apiTokenId: issued.body.id },
    });
    expect(session.method).toBe('api_token');
    expect((await stack.call('DELETE', `/api/tokens/${issued.body.id}`)).status).toBe(200);
    expect((await dashboard(cookie)).status).toBe(303);
    expect(await stack.api.db.prisma.session.count({ where: { id: session.id } })).toBe(0);
  });

  it('ends sessions when the city admin moves a user to another unit or role; signs out everywhere', async () => {
    const officer = await createUser(stack, {
      role: 'unit_officer',
      unitCode: 'huangpu',
      email: 'moved@test.local',
    });
    const first = await signInOverHttp(stack, officer, { client: client() });
    const second = await signInOverHttp(stack, officer, { client: client() });
    expect((await dashboard(first)).status).toBe(200);
    const minhang = await stack.api.db.prisma.unit.findUniqueOrThrow({
      where: { code: 'minhang' },
    });
    // Only the city admin moves staff: to a unit officer another unit's officer is out of
    // scope (404), and an enterprise account of their own unit cannot be moved (403).
    const refused = await stack.call('PATCH', `/api/users/${officer.id}`, {
      as: 'unitOfficer',
      body: { unitId: minhang.id },
    });
    expect(refused.status).toBe(404);
    const enterprise = await createEnterprise(stack, 'unitOfficer');
    const member = await createUser(stack, {
      role: 'enterprise_user',
      enterpriseId: enterprise.id,
    });
    const forbidden = await stack.call('PATCH', `/api/users/${member.id}`, {
      as: 'unitOfficer',
      body: { role: 'unit_officer', unitId: minhang.id },
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toContain('只有市局管理员');
    expect((await dashboard(first)).status).toBe(200);
    const moved = await stack.call('PATCH', `/api/users/${officer.id}`, {
      body: { unitId: minhang.id },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.unit.id).toBe(minhang.id);
    expect((await dashboard(first)).status).toBe(303);
    expect((await dashboard(second)).status).toBe(303);

    const third = await signInOverHttp(stack, officer, { client: client() });
    const promoted = await stack.call('PATCH', `/api/users/${officer.id}`, {
      body: { role: 'city_supervisor' },
    });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({
      role: 'city_supervisor',
      unit: { shortName: '市局质量处' },
    });
    expect((await dashboard(third)).status).toBe(303);

    const traveller = await createUser(stack, {
      role: 'city_supervisor',
      email: 'traveller@test.local',
    });
    const a = await signInOverHttp(stack, traveller, { client: client() });
    const b = await signInOverHttp(stack, traveller, { client: client() });
    const page = await dashboard(a);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const out = await fetch(`${stack.api.url}/dashboard/logout/everywhere`, {
      method: 'POST',
      headers: { ...formHeaders(stack.api.url), cookie: a },
      body: new URLSearchParams({ _csrf: csrf }),
      redirect: 'manual',
    });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/dashboard/login?ok=signed_out_everywhere');
    expect((await dashboard(a)).status).toBe(303);
    expect((await dashboard(b)).status).toBe(303);
    const everywhere = await audits(traveller.id, 'sign_out_everywhere');
    expect(everywhere).toHaveLength(1);
    expect(everywhere[0]!.after).toEqual({ sessionsEnded: 2 });
  });

  it.each([
    ['an enterprise account', true, { role: 'city_admin' }, 'role'],
    ['a city role with a unit', false, { role: 'city_supervisor', unitId: 'x' }, 'unitId'],
    ['an unknown unit', false, { unitId: 'no-such-unit' }, 'unitId'],
    ['a role that cannot be given', false, { role: 'service' }, 'role'],
  ])('refuses to move %s with 400, changing nothing', async (_what, isEnterprise, body, field) => {
    const enterprise = await createEnterprise(stack, 'unitOfficer');
    const target = isEnterprise
      ? await createUser(stack, { role: 'enterprise_user', enterpriseId: enterprise.id })
      : await createUser(stack, { role: 'unit_officer', unitCode: 'pudong' });
    const before = await stack.api.db.prisma.user.findUniqueOrThrow({ where: { id: target.id } });
    const { status, body: answer } = await stack.call('PATCH', `/api/users/${target.id}`, { body });
    expect(status).toBe(400);
    expect(answer.error.issues.map((i: { path: string }) => i.path)).toEqual([field]);
    expect(answer.error.issues[0].message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await stack.api.db.prisma.user.findUniqueOrThrow({ where: { id: target.id } })).toEqual(
      before,
    );
  });

  it('keeps one account per e-mail address, whatever its letter case', async () => {
    const taken = await stack.call('POST', '/api/users', {
      body: { name: '重复邮箱', email: 'SUPERVISOR@demo.local', role: 'city_supervisor' },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.issues[0]).toMatchObject({ path: 'email' });
    const other = await createUser(stack, { role: 'city_supervisor', email: 'free@test.local' });
    const patched = await stack.call('PATCH', `/api/users/${other.id}`, {
      body: { email: 'officer.pudong@demo.local' },
    });
    expect(patched.status).toBe(409);
    const kept = await stack.api.db.prisma.user.findUniqueOrThrow({ where: { id: other.id } });
    expect(kept.email).toBe('free@test.local');
  });

  it('answers 429 with a Chinese message past the per-address and per-client limits', async () => {
    const address = 'limited@test.local';
    for (let i = 0; i < LIMITS.perAddress; i += 1) {
      expect((await requestLink(stack, address, { client: client() })).status).toBe(200);
    }
    const limited = await requestLink(stack, address, { client: client() });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const text = await limited.text();
    expect(text).toContain('该邮箱的登录请求过于频繁');
    expect(text).toContain(`${LIMITS.windowMinutes} 分钟内最多 ${LIMITS.perAddress} 次`);
    // Another address is not held back by this one.
    expect((await requestLink(stack, 'other@test.local', { client: client() })).status).toBe(200);

    // One client, many addresses and token posts alike: the per-client limit.
    const one = client();
    for (let i = 0; i < LIMITS.perClient; i += 1) {
      expect((await requestLink(stack, `c${i}@test.local`, { client: one })).status).toBe(200);
    }
    const token = await fetch(`${stack.api.url}/dashboard/login`, {
      method: 'POST',
      headers: formHeaders(stack.api.url, one),
      body: new URLSearchParams({ token: stack.tokens.cityAdmin }),
      redirect: 'manual',
    });
    expect(token.status).toBe(429);
    expect(await token.text()).toContain('同一网络地址');
    expect(sessionCookie(token)).toBeUndefined();
  });

  it.runIf(database === 'postgresql')(
    'counts attempts across two API processes on one database',
    async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'hcm-second-api-'));
      const second = await startApi({
        database: stack.database,
        temporal: { address: inject('temporalAddress'), namespace: 'default', taskQueue: 'none' },
        host: '127.0.0.1',
        port: 0,
        logger: createLogger('second-api', 'error'),
        files: createFileStore({ dir, maxBytes: 1024 * 1024 }),
        signIn: { limits: LIMITS, trustProxy: true },
      });
      try {
        const address = 'two-processes@test.local';
        const statuses: number[] = [];
        for (let i = 0; i <= LIMITS.perAddress; i += 1) {
          const apiUrl = i % 2 === 0 ? stack.api.url : second.url;
          statuses.push((await requestLink(stack, address, { apiUrl, client: client() })).status);
        }
        expect(statuses).toEqual([...Array<number>(LIMITS.perAddress).fill(200), 429]);
        // Requests racing in both processes at once: never more than the limit let through.
        const racing = 'racing@test.local';
        const raced = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            requestLink(stack, racing, {
              apiUrl: i % 2 === 0 ? stack.api.url : second.url,
              client: client(),
            }).then((r) => r.status),
          ),
        );
        expect(raced.filter((s) => s === 200).length).toBeLessThanOrEqual(LIMITS.perAddress);
        expect(raced.filter((s) => s === 429).length).toBeGreaterThanOrEqual(8 - LIMITS.perAddress);
      } finally {
        await second.close();
        await rm(dir, { recursive: true, force: true });
      }
    },
  );

  it('gives each enterprise user a reminder link of their own, the same at a resend, stored hashed', async () => {
    const campaign = await createCampaign(stack, 2035);
    const enterprise = await createEnterprise(stack, 'unitOfficer', {
      contacts: [{ name: '未开通', email: 'no-account@enterprise.test', isPrimary: true }],
    });
    const member = await createUser(stack, {
      role: 'enterprise_user',
      enterpriseId: enterprise.id,
      email: 'member@enterprise.test',
    });
    const deadline = new Date(Date.now() + 30 * DAY).toISOString();
    const hazard = await stack.call('POST', '/api/hazards', {
      as: 'unitOfficer',
      body: {
        campaignId: campaign.id,
        enterpriseId: enterprise.id,
        categoryId: campaign.categoryId('gas_appliances'),
        product: '家用燃气灶',
        source: 'inspection',
        problemType: 'other',
        severity: 'general',
        description: '提醒链接测试',
        measure: '整改',
        responsiblePerson: '张三',
        foundAt: new Date().toISOString(),
        deadline,
      },
    });
    expect(hazard.status).toBe(201);
    const request = {
      key: `hazard:${hazard.body.id}:test:before:3`,
      kind: 'hazard_reminder',
      subjectType: 'hazard',
      subjectId: hazard.body.id,
      daysLeft: 3,
      dueAt: deadline,
    };
    const first = await stack.call('POST', '/api/internal/reminders', {
      as: 'service',
      body: request,
    });
    expect(first.status).toBe(200);
    expect(first.body.outcome).toBe('send');
    // The contact without an account: the page's address; the user: a message of their own.
    expect(first.body.to).toEqual(['no-account@enterprise.test']);
    expect(first.body.text).not.toContain('/dashboard/link/');
    expect(first.body.personal).toHaveLength(1);
    expect(first.body.personal[0].to).toBe('member@enterprise.test');
    const link = /\/dashboard\/link\/[\w-]+/.exec(first.body.personal[0].text)![0];
    expect(first.body.personal[0].text).toContain('仅限本人使用');
    const resent = await stack.call('POST', '/api/internal/reminders', {
      as: 'service',
      body: request,
    });
    expect(resent.body.personal[0].text).toContain(link);
    expect(resent.body.personal[0].messageId).toBe(first.body.personal[0].messageId);
    const rows = await stack.api.db.prisma.signInLink.findMany({
      where: { reminderKey: request.key },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      userId: member.id,
      purpose: 'reminder',
      tokenHash: hashToken(link.split('/').at(-1)!),
      target: `/dashboard/hazards/${hazard.body.id}#evidence`,
    });
    expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBe(7 * DAY);

    // Reusable until it expires: each GET opens a session and lands on the hazard.
    for (let i = 0; i < 2; i += 1) {
      const opened = await fetch(`${stack.api.url}${link}`, { redirect: 'manual' });
      expect(opened.status).toBe(303);
      expect(opened.headers.get('location')).toBe(`/dashboard/hazards/${hazard.body.id}#evidence`);
      const cookie = sessionCookie(opened)!;
      expect((await dashboard(cookie, `/dashboard/hazards/${hazard.body.id}`)).status).toBe(200);
    }
    const sessions = await stack.api.db.prisma.session.findMany({ where: { userId: member.id } });
    expect(sessions.map((s) => s.method)).toEqual(['reminder_link', 'reminder_link']);
  });
});
