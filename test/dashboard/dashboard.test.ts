import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../support/browser.js';
import { createCampaign, createEnterprise, createUser, unitId } from '../support/fixtures.js';
import { startTestStack, waitFor, type Caller, type TestStack } from '../support/stack.js';
import { signInByEmail, type Person } from '../support/sign-in.js';

// The dashboard driven in headless Chromium against the real stack (API, Temporal worker, SMTP
// listener), with data seeded through the API. Screenshots land in test-results/screenshots/.

const DAY = 24 * 60 * 60 * 1000;
const daysFromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString();

describe('dashboard (headless Chromium)', () => {
  let stack: TestStack;
  let browser: Browser;
  let campaign: Awaited<ReturnType<typeof createCampaign>>;
  let pudong: string;
  let huangpu: string;
  let huangpuOfficer: { id: string; token: string };
  let enterpriseUser: { id: string; token: string };
  let pudongEnterprise: { id: string; name: string };
  let huangpuEnterprise: { id: string; name: string };
  let openHazard: { id: string; version: number; description: string };
  let overdueHazard: { id: string; description: string };
  let huangpuHazard: { id: string; description: string };
  let submittedDuty: { id: string };
  let overdueDuty: { id: string };
  let reinspection: { id: string };
  const contexts: BrowserContext[] = [];

  async function hazard(as: Caller, enterpriseId: string, overrides: Record<string, unknown>) {
    const { status, body } = await stack.call('POST', '/api/hazards', {
      as,
      body: {
        campaignId: campaign.id,
        enterpriseId,
        categoryId: campaign.categoryId('gas_appliances'),
        product: '家用燃气灶',
        source: 'inspection',
        problemType: 'no_factory_inspection',
        severity: 'major',
        description: '出厂检验记录缺失熄火保护装置项目',
        measure: '补做出厂检验并完善检验记录',
        responsiblePerson: '王五',
        foundAt: daysFromNow(-2),
        deadline: daysFromNow(30),
        ...overrides,
      },
    });
    if (status !== 201) throw new Error(`hazard: ${status} ${JSON.stringify(body)}`);
    return body as { id: string; version: number; description: string };
  }

  beforeAll(async () => {
    stack = await startTestStack({ database: 'pglite' });
    browser = await launchBrowser();
    campaign = await createCampaign(stack, 2031);
    pudong = await unitId(stack, 'pudong');
    huangpu = await unitId(stack, 'huangpu');
    huangpuOfficer = await createUser(stack, {
      role: 'unit_officer',
      unitCode: 'huangpu',
      email: 'officer.huangpu@test.local',
    });
    pudongEnterprise = await createEnterprise(stack, 'unitOfficer', {
      name: '上海浦安燃气器具有限公司',
      contacts: [{ name: '陈经理', email: 'chen@puan.test', isPrimary: true }],
    });
    huangpuEnterprise = await createEnterprise(stack, huangpuOfficer, {
      name: '上海外滩燃气用具商行',
      address: '上海市黄浦区测试路 2 号',
      contacts: [{ name: '孙店长', email: 'sun@bund.test', isPrimary: true }],
    });
    enterpriseUser = await createUser(stack, {
      role: 'enterprise_user',
      enterpriseId: pudongEnterprise.id,
      name: '陈经理',
      email: 'chen@puan.test',
    });
    openHazard = await hazard('unitOfficer', pudongEnterprise.id, {
      description: '燃气灶熄火保护装置出厂检验缺项',
    });
    overdueHazard = await hazard('unitOfficer', pudongEnterprise.id, {
      description: '燃气软管未标注使用年限',
      severity: 'general',
      foundAt: daysFromNow(-10),
      deadline: daysFromNow(-1),
    });
    huangpuHazard = await hazard(huangpuOfficer, huangpuEnterprise.id, {
      description: '销售台账记录不全',
      problemType: 'other',
    });
    const spotCheckBody = {
      campaignId: campaign.id,
      categoryId: campaign.categoryId('gas_appliances'),
      level: 'district',
      enterpriseId: pudongEnterprise.id,
      product: '家用燃气灶',
      checkedAt: daysFromNow(-3),
      batches: 3,
      unqualifiedBatches: 1,
      failedItems: ['熄火保护装置'],
    };
    const spotCheck = await stack.call('POST', '/api/spot-checks', {
      as: 'unitOfficer',
      body: spotCheckBody,
    });
    expect(spotCheck.status).toBe(201);
    // A second failure within two years opens a dedicated re-inspection (专门现场检查).
    const second = await stack.call('POST', '/api/spot-checks', {
      as: 'unitOfficer',
      body: { ...spotCheckBody, checkedAt: daysFromNow(-1) },
    });
    expect(second.status).toBe(201);
    reinspection = await waitFor(() =>
      stack.api.db.prisma.followUpTask
        .findFirst({ where: { enterpriseId: pudongEnterprise.id, kind: 'reinspection' } })
        .then((task) => task ?? undefined),
    );
    const listed = await stack.call('POST', `/api/units/${huangpu}/listed-supervision`, {
      body: { listed: true, reason: '隐患集中，挂牌督办' },
    });
    expect(listed.status).toBe(200);

    const duties = await stack.call(
      'GET',
      `/api/duties?campaign=${campaign.id}&unit=${pudong}&sort=dueAt`,
      { as: 'unitOfficer' },
    );
    expect(duties.status).toBe(200);
    submittedDuty = duties.body.items[0];
    overdueDuty = duties.body.items[1];
    const submitted = await stack.call('POST', `/api/duties/${submittedDuty.id}/submissions`, {
      as: 'unitOfficer',
      body: { noTypicalCases: true },
    });
    expect(submitted.status).toBe(201);
    // Setup the API cannot do: a duty whose due instant has passed (the campaign is in 2031).
    await stack.api.db.prisma.unitDuty.update({
      where: { id: overdueDuty.id },
      data: { dueAt: new Date(Date.now() - DAY) },
    });
    // The workflows send each hazard's opening notice at once; wait until it is recorded.
    await waitFor(
      async () => {
        const { body } = await stack.call('GET', `/api/hazards/${openHazard.id}`);
        return body.reminders?.some((r: { status: string }) => r.status === 'sent')
          ? true
          : undefined;
      },
      { what: 'the opening notice of the hazard' },
    );
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await stack?.stop();
  });

  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1400, height: 900 },
    });
    contexts.push(context);
    return { context, page: await context.newPage() };
  }

  async function signIn(who: Person) {
    const { context, page } = await newPage();
    await page.goto(`${stack.api.url}/dashboard`);
    expect(new URL(page.url()).pathname).toBe('/dashboard/login');
    await signInByEmail(stack, page, who);
    expect(page.url()).toBe(`${stack.api.url}/dashboard`);
    return { context, page };
  }

  it('refuses a wrong token with a Chinese message and sets no session', async () => {
    const { context, page } = await newPage();
    await page.goto(`${stack.api.url}/dashboard/units/${pudong}`);
    expect(new URL(page.url()).pathname).toBe('/dashboard/login');
    await page.fill('#token', 'hcm_not-a-real-token');
    await page.click('form.token-login button');
    await page.waitForSelector('.flash.err');
    expect(new URL(page.url()).pathname).toBe('/dashboard/login');
    expect(await page.textContent('.flash.err')).toContain('API 令牌无效');
    expect((await context.cookies()).find((c) => c.name === 'hcm_session')).toBeUndefined();
    expect(await stack.api.db.prisma.session.count()).toBe(0);
    await screenshot(page, 'login-refused');
  });

  it('shows the city supervisor all 18 units, duty states, the overdue list and the chart', async () => {
    const { context, page } = await signIn('citySupervisor');
    const cookie = (await context.cookies()).find((c) => c.name === 'hcm_session');
    expect(cookie).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
      path: '/dashboard',
      secure: false,
    });
    const session = await stack.api.db.prisma.session.findUniqueOrThrow({
      where: { id: cookie!.value },
    });
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBe(12 * 3600_000);

    const rows = page.locator('table.units tbody tr');
    expect(await rows.count()).toBe(18);
    expect(await rows.first().locator('td').first().textContent()).toContain(
      '黄浦区市场监督管理局',
    );
    expect(await page.locator(`tr[data-unit="${huangpu}"]`).textContent()).toContain('挂牌督办');
    expect(await page.locator(`tr[data-unit="${pudong}"]`).textContent()).not.toContain('挂牌督办');
    const pudongRow = page.locator(`tr[data-unit="${pudong}"]`);
    const cells = await pudongRow.locator('td').allTextContents();
    expect(cells[1]).toContain('已按期报送');
    expect(cells[2]).toContain('逾期未报');
    expect(cells[3]).toContain('未到期');
    // open, overdue, closed, closure rate, unqualified spot checks, open re-inspections
    expect(cells.slice(-6).map((t) => t.trim())).toEqual(['2', '1', '0', '0.0%', '2', '1']);
    const huangpuCells = await page.locator(`tr[data-unit="${huangpu}"] td`).allTextContents();
    expect(huangpuCells.slice(-6).map((t) => t.trim())).toEqual(['1', '0', '0', '0.0%', '0', '0']);

    const overdue = await page.locator('table.overdue').textContent();
    expect(overdue).toContain(overdueHazard.description);
    expect(overdue).toContain('2031年7月统计表');
    expect(overdue).not.toContain(openHazard.description);

    expect(await page.locator('svg.timeline line.today').count()).toBe(1);
    expect(await page.locator('svg.timeline').textContent()).toContain('尚未开始');
    expect(await page.locator('svg.hazard-chart').count()).toBe(1);
    const titles = await page.locator('svg.hazard-chart rect.found title').allTextContents();
    expect(titles.some((t) => t.includes('发现 3 条'))).toBe(false); // found at different days
    const found = titles.reduce((sum, t) => sum + Number(/发现 (\d+) 条/.exec(t)?.[1] ?? 0), 0);
    expect(found).toBe(3);
    expect(await page.locator('a', { hasText: '统计表（XLSX）' }).getAttribute('href')).toBe(
      `/dashboard/campaigns/${campaign.id}/statistics?format=xlsx`,
    );
    await screenshot(page, 'city-overview');

    // The download links pass the request to the API as the signed-in user: same answer as a
    // bearer-token call, and the one-off token is gone afterwards.
    const tokensBefore = await stack.api.db.prisma.apiToken.count();
    for (const format of ['xlsx', 'csv']) {
      const viaDashboard = await page.request.get(
        `${stack.api.url}/dashboard/campaigns/${campaign.id}/statistics?unit=${pudong}&format=${format}`,
      );
      const direct = await fetch(
        `${stack.api.url}/api/campaigns/${campaign.id}/statistics?unit=${pudong}&format=${format}`,
        { headers: { authorization: `Bearer ${stack.tokens.citySupervisor}` } },
      );
      expect(viaDashboard.status()).toBe(direct.status);
      expect(viaDashboard.headers()['content-type']).toBe(direct.headers.get('content-type'));
      expect(viaDashboard.headers()['content-disposition']).toBe(
        direct.headers.get('content-disposition') ?? undefined,
      );
    }
    expect(await stack.api.db.prisma.apiToken.count()).toBe(tokensBefore);
    const anonymous = await fetch(
      `${stack.api.url}/dashboard/campaigns/${campaign.id}/statistics`,
      {
        redirect: 'manual',
      },
    );
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/dashboard\/login/);
  });

  it('shows the 浦东 officer only 浦东, refuses 黄浦 with 404, and drills down to reminders', async () => {
    const { page } = await signIn('unitOfficer');
    const rows = page.locator('table.units tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('浦东新区市场监督管理局');
    expect(await page.locator('table.overdue').textContent()).not.toContain(
      huangpuHazard.description,
    );
    await screenshot(page, 'officer-overview');

    const refused = await page.goto(`${stack.api.url}/dashboard/units/${huangpu}`);
    expect(refused?.status()).toBe(404);
    expect(await page.textContent('h2')).toContain('页面不存在');
    const enterprise = await page.goto(
      `${stack.api.url}/dashboard/enterprises/${huangpuEnterprise.id}`,
    );
    expect(enterprise?.status()).toBe(404);
    const other = await page.goto(`${stack.api.url}/dashboard/hazards/${huangpuHazard.id}`);
    expect(other?.status()).toBe(404);

    await page.goto(`${stack.api.url}/dashboard`);
    await Promise.all([
      page.waitForURL(/\/dashboard\/units\//),
      page.click(`tr[data-unit="${pudong}"] a`),
    ]);
    const enterprises = await page.locator('table.enterprises tbody tr').allTextContents();
    expect(enterprises[0]).toContain(pudongEnterprise.name);
    expect(enterprises.join()).not.toContain(huangpuEnterprise.name);
    expect(await page.textContent('body')).toContain('2031年6月统计表');
    await screenshot(page, 'officer-unit');

    await Promise.all([
      page.waitForURL(/\/dashboard\/enterprises\//),
      page.click(`a:has-text("${pudongEnterprise.name}")`),
    ]);
    const block = page.locator(`#hazard-${openHazard.id}`);
    expect(await block.textContent()).toContain('整改期限');
    const reminders = await block.locator('table.reminders tbody tr').allTextContents();
    expect(reminders.length).toBeGreaterThan(0);
    expect(reminders[0]).toContain('隐患整改通知');
    expect(reminders[0]).toContain('chen@puan.test');
    await screenshot(page, 'officer-enterprise');

    await Promise.all([
      page.waitForURL(`${stack.api.url}/dashboard/hazards/${openHazard.id}`),
      page.click(`a[href="/dashboard/hazards/${openHazard.id}"]`),
    ]);
    expect(await page.textContent('h2')).toContain(openHazard.description);
    expect(await page.locator('table.reminders').textContent()).toContain('隐患整改通知');
    expect(await page.locator('form.rectify').count()).toBe(0); // the form is the enterprise's
    await screenshot(page, 'officer-hazard');

    const duty = await page.goto(`${stack.api.url}/dashboard/duties/${submittedDuty.id}`);
    expect(duty?.status()).toBe(200);
    expect(await page.textContent('h2')).toContain('已按期报送');
    expect(await page.textContent('table')).toContain('第 1 版');

    await page.goto(`${stack.api.url}/dashboard/units/${pudong}`);
    await Promise.all([
      page.waitForURL(`${stack.api.url}/dashboard/follow-ups/${reinspection.id}`),
      page.click(`a[href="/dashboard/follow-ups/${reinspection.id}"]`),
    ]);
    expect(await page.textContent('h2')).toContain(`专门现场检查：${pudongEnterprise.name}`);
    expect(await page.textContent('dl.facts')).toContain('两年内监督抽查不合格 2 次');
    await screenshot(page, 'officer-follow-up');
  });

  it('keeps the 黄浦 officer to 黄浦: every 浦东 page is a 404', async () => {
    const { page } = await signIn(huangpuOfficer);
    const rows = await page.locator('table.units tbody tr').allTextContents();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('黄浦区市场监督管理局');
    expect(rows[0]).toContain('挂牌督办');
    for (const path of [
      `/dashboard/units/${pudong}`,
      `/dashboard/enterprises/${pudongEnterprise.id}`,
      `/dashboard/hazards/${openHazard.id}`,
      `/dashboard/duties/${submittedDuty.id}`,
      `/dashboard/follow-ups/${reinspection.id}`,
    ]) {
      const response = await page.goto(`${stack.api.url}${path}`);
      expect(response?.status(), path).toBe(404);
      expect(await page.textContent('body')).not.toContain(pudongEnterprise.name);
    }
  });

  it('lets the enterprise submit rectification evidence through the form', async () => {
    const { page } = await signIn(enterpriseUser);
    const cards = page.locator('section.hazard-card');
    expect(await cards.count()).toBe(2);
    expect(await page.textContent('body')).not.toContain(huangpuHazard.description);
    await screenshot(page, 'enterprise-home');

    const form = page.locator(`#hazard-${openHazard.id} form.rectify`);
    await form.locator('textarea[name=description]').fill('已补做全部批次的熄火保护装置出厂检验');
    await form
      .locator('textarea[name=attachments]')
      .fill('检验报告 https://files.example.com/report.pdf');
    await Promise.all([page.waitForURL(/ok=submitted/), form.locator('button').click()]);
    expect(await page.textContent('.flash.ok')).toContain('整改材料已提交');
    await screenshot(page, 'enterprise-submitted');

    const { body } = await stack.call('GET', `/api/hazards/${openHazard.id}`, {
      as: { token: enterpriseUser.token },
    });
    expect(body.status).toBe('submitted');
    expect(body.submissions).toHaveLength(1);
    expect(body.submissions[0]).toMatchObject({
      description: '已补做全部批次的熄火保护装置出厂检验',
      attachments: [{ name: '检验报告', url: 'https://files.example.com/report.pdf' }],
      submittedById: enterpriseUser.id,
    });
    expect(await page.locator(`#hazard-${openHazard.id} form.rectify`).count()).toBe(0);
  });

  it('answers a stale form with a Chinese 409 message and changes nothing', async () => {
    const { page } = await signIn(enterpriseUser);
    let form = page.locator(`#hazard-${overdueHazard.id} form.rectify`);
    // A link that is not a URL: 400, the message next to the field, what was typed kept.
    await form.locator('textarea[name=description]').fill('已更换合格软管');
    await form.locator('textarea[name=attachments]').fill('照片 not-a-link');
    const [invalid] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      form.locator('button').click(),
    ]);
    expect(invalid.status()).toBe(400);
    form = page.locator(`#hazard-${overdueHazard.id} form.rectify`);
    expect(await form.textContent()).toContain('附件地址应为 URL');
    expect(await form.locator('textarea[name=description]').inputValue()).toBe('已更换合格软管');
    expect(
      await stack.api.db.prisma.hazardSubmission.count({ where: { hazardId: overdueHazard.id } }),
    ).toBe(0);
    // Meanwhile someone submits through the API: the page's version is now stale.
    const current = (await stack.call('GET', `/api/hazards/${overdueHazard.id}`)).body;
    const api = await stack.call('POST', `/api/hazards/${overdueHazard.id}/submissions`, {
      as: { token: enterpriseUser.token },
      body: { version: current.version, description: '通过接口提交' },
    });
    expect(api.status).toBe(201);
    await form.locator('textarea[name=description]').fill('页面上的旧表单');
    await form.locator('textarea[name=attachments]').fill('');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      form.locator('button').click(),
    ]);
    expect(response.status()).toBe(409);
    expect(await page.textContent('.flash.err')).toContain('提交未成功');
    const after = (await stack.call('GET', `/api/hazards/${overdueHazard.id}`)).body;
    expect(after.submissions).toHaveLength(1);
  });

  it('chooses the real campaign first and places "today" on a compressed demo calendar', async () => {
    const demo = await stack.call('POST', '/api/campaigns', {
      body: { template: 'shanghai-2023', year: 2031, demo: { secondsPerDay: 3600 } },
    });
    expect(demo.status).toBe(201);
    const { page } = await signIn('citySupervisor');
    const heading = await page.textContent('main section h2');
    expect(heading).toContain('2031年重点工业产品质量安全隐患排查治理专项行动');
    expect(heading).not.toContain('演示');
    const options = await page.locator('select#campaign option').allTextContents();
    expect(options).toHaveLength(2);
    expect(options[1]).toContain('（演示）');

    await page.goto(`${stack.api.url}/dashboard?campaign=${demo.body.id}`);
    expect(await page.textContent('main section h2')).toContain('（演示）');
    // One calendar day lasts an hour: the demo has just begun, on its first day (1 June).
    expect(await page.locator('svg.timeline').textContent()).toContain('今天 06-01');
    const x = Number(await page.locator('svg.timeline line.today').getAttribute('x1'));
    expect(x).toBeGreaterThanOrEqual(120);
    expect(x).toBeLessThan(122);
    expect(await page.locator('table.units tbody tr').count()).toBe(18);
    expect(await page.locator('#total-hazards').textContent()).toBe('0');
    expect(await page.locator('svg.hazard-chart').count()).toBe(0);
    expect(await page.textContent('body')).toContain('暂无隐患记录');
    await screenshot(page, 'city-overview-demo');
  });

  it('refuses a form post without the CSRF field, and a cross-origin one', async () => {
    const { context, page } = await signIn(enterpriseUser);
    const before = await stack.api.db.prisma.hazardSubmission.count();
    const status = await page.evaluate(async (id) => {
      const response = await fetch(`/dashboard/hazards/${id}/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ version: '1', description: '没有 CSRF 字段' }).toString(),
      });
      return response.status;
    }, huangpuHazard.id);
    expect(status).toBe(403);

    // The right CSRF field but no same-origin headers (as from another site): Hono's csrf().
    const cookie = (await context.cookies()).find((c) => c.name === 'hcm_session')!;
    const session = await stack.api.db.prisma.session.findUniqueOrThrow({
      where: { id: cookie.value },
    });
    const crossSite = await fetch(
      `${stack.api.url}/dashboard/hazards/${huangpuHazard.id}/submissions`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: `hcm_session=${cookie.value}`,
          origin: 'https://evil.example',
        },
        body: new URLSearchParams({ _csrf: session.csrfToken, version: '1', description: 'x' }),
        redirect: 'manual',
      },
    );
    expect(crossSite.status).toBe(403);
    expect(await stack.api.db.prisma.hazardSubmission.count()).toBe(before);
  });

  it('signs out: the session row is gone and pages redirect to the login', async () => {
    const { context, page } = await signIn('citySupervisor');
    const cookie = (await context.cookies()).find((c) => c.name === 'hcm_session')!;
    await Promise.all([page.waitForURL(/\/dashboard\/login/), page.click('header form button')]);
    expect(await page.textContent('.flash.ok')).toContain('已退出登录');
    expect(
      await stack.api.db.prisma.session.findUnique({ where: { id: cookie.value } }),
    ).toBeNull();
    await page.goto(`${stack.api.url}/dashboard`);
    expect(new URL(page.url()).pathname).toBe('/dashboard/login');
  });
});
