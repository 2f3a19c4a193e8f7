import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../support/browser.js';
import { createCampaign, createEnterprise, createUser, unitId } from '../support/fixtures.js';
import { startTestStack, waitFor, type TestStack } from '../support/stack.js';
import { signInByEmail, type Person } from '../support/sign-in.js';

// The city roles' workbench (issue #9) in headless Chromium against the real API and SMTP
// listener: the sortable league table, 挂牌督办 with its e-mail, the escalation page, users.

const DAY = 24 * 60 * 60 * 1000;
const iso = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const dateIn = (days: number) =>
  new Date(Date.now() + 8 * 3600_000 + days * DAY).toISOString().slice(0, 10);

describe('city workbench (headless Chromium)', () => {
  let stack: TestStack;
  let browser: Browser;
  let campaign: Awaited<ReturnType<typeof createCampaign>>;
  let huangpu: string;
  let huangpuOfficer: { id: string; token: string };
  let pudongEnterprise: { id: string; name: string };
  let huangpuEnterprise: { id: string; name: string };
  let escalated: { id: string };

  beforeAll(async () => {
    stack = await startTestStack({ database: 'pglite', worker: false });
    browser = await launchBrowser();
    campaign = await createCampaign(stack, 2033);
    huangpu = await unitId(stack, 'huangpu');
    huangpuOfficer = await createUser(stack, {
      role: 'unit_officer',
      unitCode: 'huangpu',
      email: 'officer.huangpu@test.local',
    });
    pudongEnterprise = await createEnterprise(stack, 'unitOfficer', {
      name: '上海浦安燃气器具有限公司',
    });
    huangpuEnterprise = await createEnterprise(stack, huangpuOfficer, {
      name: '上海外滩燃气用具商行',
      address: '上海市黄浦区测试路 2 号',
    });
    const hazard = async (
      as: 'unitOfficer' | { token: string },
      enterpriseId: string,
      deadline: string,
    ) => {
      const { status, body } = await stack.call('POST', '/api/hazards', {
        as,
        body: {
          campaignId: campaign.id,
          enterpriseId,
          categoryId: campaign.categoryId('gas_appliances'),
          source: 'inspection',
          problemType: 'no_factory_inspection',
          severity: 'major',
          description: '出厂检验记录缺失',
          measure: '补做出厂检验',
          responsiblePerson: '王五',
          foundAt: iso(-10),
          deadline,
        },
      });
      expect(status).toBe(201);
      return body as { id: string; deadline: string };
    };
    // 黄浦 has two hazards, 浦东 one: sorting by 未销号 puts 黄浦 first.
    await hazard(huangpuOfficer, huangpuEnterprise.id, iso(20));
    await hazard(huangpuOfficer, huangpuEnterprise.id, iso(25));
    const overdue = await hazard('unitOfficer', pudongEnterprise.id, iso(-5));
    // Escalated through the worker's own route (the service markEscalated), as the
    // rectification workflow does after the grace period.
    const mark = await stack.call('POST', `/api/internal/hazards/${overdue.id}/escalation`, {
      as: 'service',
      body: { at: iso(-1), deadline: overdue.deadline },
    });
    expect(mark.status).toBe(200);
    escalated = overdue;
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function signIn(who: Person): Promise<Page> {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1500, height: 900 },
    });
    const page = await context.newPage();
    await signInByEmail(stack, page, who);
    expect(page.url()).toBe(`${stack.api.url}/dashboard`);
    return page;
  }

  it('sorts the league table by a column through links that keep the campaign', async () => {
    const page = await signIn('citySupervisor');
    const first = () => page.locator('table.units tbody tr').first().getAttribute('data-unit');
    expect(await first()).toBe(huangpu); // the city's order: 黄浦 first
    await Promise.all([
      page.waitForURL(/sort=-hazardsOverdue/),
      page.click('a[data-sort="hazardsOverdue"]'),
    ]);
    expect(new URL(page.url()).searchParams.get('campaign')).toBe(campaign.id);
    expect(await first()).toBe(await unitId(stack, 'pudong'));
    await Promise.all([
      page.waitForURL(/sort=hazardsOverdue/),
      page.click('a[data-sort="hazardsOverdue"]'),
    ]);
    expect(await first()).not.toBe(await unitId(stack, 'pudong'));
    await page.goto(`${stack.api.url}/dashboard?campaign=${campaign.id}&sort=-hazardsOpen`);
    const rows = await page
      .locator('table.units tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-unit')));
    expect(rows.slice(0, 2)).toEqual([huangpu, await unitId(stack, 'pudong')]);
    await screenshot(page, 'city-league-table');
  });

  it('lists a unit with reason, items and deadline, tells its officer, and lifts it', async () => {
    const page = await signIn('cityAdmin');
    await page.goto(`${stack.api.url}/dashboard/units/${huangpu}`);
    // A rejected form keeps what was typed.
    await page.fill('#field-reason', '隐患集中');
    await page.fill('#field-items', '燃气用品隐患清零\n每周报送进展');
    await page.fill('#field-deadline', dateIn(-3));
    await page.click('form[action$="/listed-supervision"] button[type=submit]');
    await page.waitForSelector('.field-error');
    expect(await page.inputValue('#field-reason')).toBe('隐患集中');
    expect(await page.textContent('#listing')).toContain('督办期限不能早于今天');
    await page.fill('#field-deadline', dateIn(30));
    await Promise.all([
      page.waitForURL(/ok=unit_listed/),
      page.click('form[action$="/listed-supervision"] button[type=submit]'),
    ]);
    expect(await page.textContent('.listing-items')).toContain('每周报送进展');
    await screenshot(page, 'city-unit-listed');
    const mail = await waitFor(() =>
      stack.smtp.messages.find(
        (m) => m.to.includes('officer.huangpu@test.local') && m.subject.includes('【挂牌督办】'),
      ),
    );
    expect(mail.text).toContain('燃气用品隐患清零');
    expect(mail.text).toContain(dateIn(30));
    const officer = await signIn(huangpuOfficer);
    await officer.goto(`${stack.api.url}/dashboard/units/${huangpu}`);
    expect(await officer.textContent('.listing-deadline')).toContain(dateIn(30));
    expect(await officer.locator('form[action$="/listed-supervision"]').count()).toBe(0);

    await page.fill('#lift-reason', '整改到位');
    await Promise.all([
      page.waitForURL(/ok=unit_unlisted/),
      page.click('form[action$="/listed-supervision"] button[type=submit]'),
    ]);
    expect(await page.textContent('table.listings')).toContain('整改到位');
    const listings = await stack.api.db.prisma.listedSupervision.findMany({
      where: { unitId: huangpu },
    });
    expect(listings).toHaveLength(1);
    expect(listings[0]!.liftedAt).not.toBeNull();
    expect(
      (await stack.api.db.prisma.unit.findUniqueOrThrow({ where: { id: huangpu } }))
        .listedSupervision,
    ).toBe(false);
    await waitFor(() => stack.smtp.messages.find((m) => m.subject.includes('【解除挂牌督办】')));
  });

  it('refuses the city supervisor a listing (403 page)', async () => {
    const page = await signIn('citySupervisor');
    await page.goto(`${stack.api.url}/dashboard/units/${huangpu}`);
    expect(await page.locator('form[action$="/listed-supervision"]').count()).toBe(0);
    const csrf = await page.locator('input[name=_csrf]').first().inputValue();
    const response = await page.request.post(
      `${stack.api.url}/dashboard/units/${huangpu}/listed-supervision`,
      {
        form: { _csrf: csrf, listed: 'true', reason: '越权' },
        headers: { origin: stack.api.url },
      },
    );
    expect(response.status()).toBe(403);
    expect(await stack.api.db.prisma.listedSupervision.count({ where: { reason: '越权' } })).toBe(
      0,
    );
  });

  it('lets the supervisor record a 督办 action on the escalation page', async () => {
    const page = await signIn('citySupervisor');
    await page.goto(`${stack.api.url}/dashboard/escalations/${escalated.id}`);
    expect(await page.textContent('.escalated-at')).not.toContain('尚未升级');
    await page.fill('#field-instruction', '请区局五个工作日内约谈企业负责人');
    await page.fill('#field-followUpDate', dateIn(5));
    await Promise.all([
      page.waitForURL(/ok=escalation_action/),
      page.click('form[action$="/actions"] button[type=submit]'),
    ]);
    expect(await page.textContent('table.escalation-actions')).toContain('约谈企业负责人');
    await screenshot(page, 'city-escalation');
    await page.goto(`${stack.api.url}/dashboard/hazards/${escalated.id}`);
    expect(await page.textContent('table.escalation-actions')).toContain('约谈企业负责人');
    const audit = await stack.api.db.prisma.auditLog.findFirst({
      where: { entity: 'hazard', entityId: escalated.id, action: 'escalation_action' },
    });
    expect(audit?.actorRole).toBe('city_supervisor');
    // The 黄浦 officer: not their hazard, 404.
    const other = await signIn(huangpuOfficer);
    const response = await other.goto(`${stack.api.url}/dashboard/escalations/${escalated.id}`);
    expect(response?.status()).toBe(404);
  });

  it('lets a unit officer create an account for their enterprise only', async () => {
    const page = await signIn(huangpuOfficer);
    await page.goto(`${stack.api.url}/dashboard/users`);
    await page.fill('#new-name', '孙店长');
    await page.fill('#new-email', 'not-an-email');
    await page.selectOption('#new-enterprise', huangpuEnterprise.id);
    await page.click('form[action="/dashboard/users"] button[type=submit]');
    await page.waitForSelector('.field-error');
    expect(await page.inputValue('#new-name')).toBe('孙店长');
    await page.fill('#new-email', 'sun@bund.test');
    await Promise.all([
      page.waitForURL(/ok=user_created/),
      page.click('form[action="/dashboard/users"] button[type=submit]'),
    ]);
    expect(await page.textContent('table.users')).toContain('孙店长');
    await screenshot(page, 'city-users-officer');
    const csrf = await page.locator('input[name=_csrf]').first().inputValue();
    const foreign = await page.request.post(`${stack.api.url}/dashboard/users`, {
      form: {
        _csrf: csrf,
        name: '越权',
        role: 'enterprise_user',
        enterpriseId: pudongEnterprise.id,
      },
      headers: { origin: stack.api.url },
    });
    expect([403, 404]).toContain(foreign.status());
    const staff = await page.request.post(`${stack.api.url}/dashboard/users`, {
      form: { _csrf: csrf, name: '越权', role: 'unit_officer', unitId: huangpu },
      headers: { origin: stack.api.url },
    });
    expect(staff.status()).toBe(403);
    expect(await stack.api.db.prisma.user.count({ where: { name: '越权' } })).toBe(0);
    const admin = await signIn('cityAdmin');
    await admin.goto(`${stack.api.url}/dashboard/users`);
    expect(await admin.locator('table.users tbody tr').count()).toBeGreaterThan(4);
    await screenshot(admin, 'city-users-admin');
  });
});
