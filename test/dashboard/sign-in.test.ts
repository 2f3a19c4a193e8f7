import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../support/browser.js';
import { createCampaign, createEnterprise, unitId } from '../support/fixtures.js';
import { linkIn, mailTo, signInByEmail } from '../support/sign-in.js';
import { startTestStack, waitFor, type TestStack } from '../support/stack.js';

// People's sign-in in headless Chromium against the real stack (API, worker, SMTP listener): an
// invited contact signs in from the invitation mail in a browser without cookies; a reminder's
// link lands the enterprise on its hazard; expired and used links lead to the fresh-link page;
// disabling a user ends their open session at its next request; signing out everywhere.

const DAY = 86_400_000;

describe('sign-in for people (headless Chromium)', () => {
  let stack: TestStack;
  let browser: Browser;
  let pudong: string;
  let campaign: Awaited<ReturnType<typeof createCampaign>>;
  let enterprise: { id: string; name: string };
  let other: { id: string; name: string };
  let memberId = '';
  let invitationLink = '';
  let hazardId = '';
  let reminderLink = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    stack = await startTestStack({ database: 'pglite' });
    browser = await launchBrowser();
    pudong = await unitId(stack, 'pudong');
    campaign = await createCampaign(stack, 2036);
    enterprise = await createEnterprise(stack, 'unitOfficer', {
      name: '上海浦新燃气具有限公司',
      contacts: [
        { name: '钱经理', email: 'qian@puxin.test', isPrimary: true },
        { name: '钱助理', email: 'assistant@puxin.test' },
      ],
    });
    other = await createEnterprise(stack, 'unitOfficer', { name: '上海另一家电器有限公司' });
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await stack?.stop();
  });

  /** A browser with nothing in it: no cookies, no storage. */
  async function freshPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1400, height: 900 },
    });
    contexts.push(context);
    return { context, page: await context.newPage() };
  }

  it('signs an invited contact in by the e-mailed link, in a browser without cookies', async () => {
    const { page: officer } = await freshPage();
    await officer.goto(`${stack.api.url}/dashboard/units/${pudong}/enterprises`);
    expect(new URL(officer.url()).pathname).toBe('/dashboard/login');
    await screenshot(officer, 'sign-in-login');
    await signInByEmail(stack, officer, 'unitOfficer', {
      next: `/dashboard/units/${pudong}/enterprises`,
    });
    expect(new URL(officer.url()).pathname).toBe(`/dashboard/units/${pudong}/enterprises`);
    await Promise.all([
      officer.waitForURL(/\/invitations$/),
      officer.click('a:has-text("邀请企业联系人开通账号")'),
    ]);
    const contact = await stack.api.db.prisma.enterpriseContact.findFirstOrThrow({
      where: { email: 'qian@puxin.test' },
    });
    const row = officer.locator(`table.invitations tr[data-contact="${contact.id}"]`);
    expect(await row.textContent()).toContain('开通企业账号并发送登录链接');
    await screenshot(officer, 'sign-in-invitations');
    const since = stack.smtp.messages.length;
    await Promise.all([
      officer.waitForResponse((r) => r.request().method() === 'POST'),
      row.locator('form.invite-one button').click(),
    ]);
    expect(await officer.textContent('#result')).toContain('已邀请 1 位联系人（新开通账号 1 个）');

    const mail = await mailTo(stack, 'qian@puxin.test', '账号开通', since);
    invitationLink = linkIn(mail);
    const member = await stack.api.db.prisma.user.findFirstOrThrow({
      where: { email: 'qian@puxin.test' },
    });
    memberId = member.id;

    const { context, page } = await freshPage();
    expect(await context.cookies()).toEqual([]);
    const shown = await page.goto(invitationLink);
    expect(shown?.status()).toBe(200);
    expect(await page.textContent('section.login')).toContain('钱经理');
    expect((await context.cookies()).some((c) => c.name === 'hcm_session')).toBe(false);
    await screenshot(page, 'sign-in-link-confirm');
    await Promise.all([
      page.waitForURL(`${stack.api.url}/dashboard`),
      page.click('form.link-confirm button'),
    ]);
    expect(await page.textContent('header')).toContain('钱经理（企业用户）');
    // The enterprise user sees only their enterprise.
    expect((await page.goto(`${stack.api.url}/dashboard/enterprises/${other.id}`))?.status()).toBe(
      404,
    );
    const signIns = await stack.api.db.prisma.auditLog.findMany({
      where: { entityId: memberId, action: 'sign_in' },
    });
    expect(signIns.map((a) => (a.after as { method: string }).method)).toEqual(['invitation_link']);
  });

  it('lands the enterprise on its hazard from the reminder’s link, without any token', async () => {
    const since = stack.smtp.messages.length;
    const created = await stack.call('POST', '/api/hazards', {
      as: 'unitOfficer',
      body: {
        campaignId: campaign.id,
        enterpriseId: enterprise.id,
        categoryId: campaign.categoryId('gas_appliances'),
        product: '家用燃气灶',
        source: 'inspection',
        problemType: 'no_factory_inspection',
        severity: 'major',
        description: '燃气灶出厂检验缺熄火保护项目',
        measure: '补做出厂检验',
        responsiblePerson: '钱经理',
        foundAt: new Date(Date.now() - DAY).toISOString(),
        deadline: new Date(Date.now() + 20 * DAY).toISOString(),
      },
    });
    expect(created.status).toBe(201);
    hazardId = created.body.id;
    // The opening notice: the user's own message carries their link; the contact without an
    // account gets the page's address.
    const own = await mailTo(stack, 'qian@puxin.test', '隐患整改通知', since);
    reminderLink = linkIn(own);
    expect(own.to).toEqual(['qian@puxin.test']);
    const shared = await mailTo(stack, 'assistant@puxin.test', '隐患整改通知', since);
    expect(shared.text).not.toContain('/dashboard/link/');
    expect(shared.text).toContain(`/dashboard/hazards/${hazardId}#evidence`);

    const { context, page } = await freshPage();
    await page.goto(reminderLink);
    expect(page.url()).toBe(`${stack.api.url}/dashboard/hazards/${hazardId}#evidence`);
    expect(await page.textContent('h2')).toContain('燃气灶出厂检验缺熄火保护项目');
    expect(await page.locator('#evidence').isVisible()).toBe(true);
    expect((await context.cookies()).some((c) => c.name === 'hcm_session')).toBe(true);
    await screenshot(page, 'sign-in-reminder-hazard');
  });

  it('leads an expired and a used link to the fresh-link page, and its button mails a new one', async () => {
    // Used: the invitation link, a second time, in another browser.
    const { page: second } = await freshPage();
    const used = await second.goto(invitationLink);
    expect(used?.status()).toBe(200);
    expect(await second.textContent('h2')).toBe('获取新的登录链接');
    expect(await second.textContent('section.fresh-link')).toContain('已使用过');
    await screenshot(second, 'sign-in-fresh-link-used');

    // Expired: the reminder's link past its time.
    await stack.api.db.prisma.signInLink.updateMany({
      where: { purpose: 'reminder', userId: memberId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const { context, page } = await freshPage();
    const expired = await page.goto(reminderLink);
    expect(expired?.status()).toBe(200);
    const text = await page.textContent('section.fresh-link');
    expect(text).toContain('该登录链接已过期');
    expect(text).not.toMatch(/\b[45]\d\d\b/);
    expect((await context.cookies()).some((c) => c.name === 'hcm_session')).toBe(false);
    await screenshot(page, 'sign-in-fresh-link-expired');
    const since = stack.smtp.messages.length;
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.click('form.renew button'),
    ]);
    expect(await page.textContent('.flash.ok')).toContain('新的登录链接已发送至原邮箱');
    const fresh = linkIn(await mailTo(stack, 'qian@puxin.test', '登录链接', since));
    await page.goto(fresh);
    await Promise.all([
      page.waitForURL(/\/dashboard\/hazards\//),
      page.click('form.link-confirm button'),
    ]);
    expect(page.url()).toBe(`${stack.api.url}/dashboard/hazards/${hazardId}#evidence`);

    // The page's e-mail field leads to the same page too.
    const { page: third } = await freshPage();
    await third.goto(reminderLink);
    const before = stack.smtp.messages.length;
    await third.fill('#email', 'QIAN@puxin.test');
    await Promise.all([
      third.waitForResponse((r) => r.request().method() === 'POST'),
      third.click('form.link-request button'),
    ]);
    await third.goto(linkIn(await mailTo(stack, 'qian@puxin.test', '登录链接', before)));
    await Promise.all([
      third.waitForURL(/\/dashboard\/hazards\//),
      third.click('form.link-confirm button'),
    ]);
    expect(third.url()).toBe(`${stack.api.url}/dashboard/hazards/${hazardId}#evidence`);
  });

  it('stops a disabled user’s open session at its next request', async () => {
    const { page } = await freshPage();
    await signInByEmail(stack, page, { id: memberId });
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    const disabled = await stack.call('PATCH', `/api/users/${memberId}`, {
      as: 'unitOfficer',
      body: { disabled: true },
    });
    expect(disabled.status).toBe(200);
    await page.reload();
    expect(new URL(page.url()).pathname).toBe('/dashboard/login');
    // Their links now lead to the fresh-link page too.
    await page.goto(invitationLink);
    expect(await page.textContent('h2')).toBe('获取新的登录链接');
    const enabled = await stack.call('PATCH', `/api/users/${memberId}`, {
      as: 'unitOfficer',
      body: { disabled: false },
    });
    expect(enabled.status).toBe(200);
  });

  it('signs a user out of every browser at once', async () => {
    const { page: one } = await freshPage();
    const { page: two } = await freshPage();
    await signInByEmail(stack, one, 'citySupervisor');
    await signInByEmail(stack, two, 'citySupervisor');
    await Promise.all([
      one.waitForURL(/\/dashboard\/login\?ok=signed_out_everywhere/),
      one.click('header form.everywhere button'),
    ]);
    expect(await one.textContent('.flash.ok')).toContain('所有设备');
    await two.reload();
    expect(new URL(two.url()).pathname).toBe('/dashboard/login');
    const supervisor = await stack.api.db.prisma.user.findUniqueOrThrow({
      where: { seedKey: 'demo:citySupervisor' },
    });
    const everywhere = await waitFor(() =>
      stack.api.db.prisma.auditLog
        .findFirst({ where: { entityId: supervisor.id, action: 'sign_out_everywhere' } })
        .then((row) => row ?? undefined),
    );
    expect(everywhere.after).toEqual({ sessionsEnded: 2 });
  });
});
