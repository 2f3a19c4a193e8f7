import type { Browser, BrowserContext, Page } from 'playwright-core';
import { endOfShanghaiDay } from '../../domain/calendar/shanghai-time.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../support/browser.js';
import { createCampaign, createEnterprise, createUser, unitId } from '../support/fixtures.js';
import { startTestStack, type TestStack } from '../support/stack.js';
import { signInByEmail, type Person } from '../support/sign-in.js';

// The unit officer's hazard workbench in headless Chromium against the real stack: recording an
// on-site inspection whose failed item becomes a hazard, the enterprise's evidence, the officer's
// 退回 and 核查通过（销号）, 延期, 登记隐患, 修改隐患 and the unit's problem list. No worker: the
// services notify Temporal (the dev server queues the signals); nothing here waits for workflows.

const DAY = 24 * 60 * 60 * 1000;
/** A China calendar date some days from now (YYYY-MM-DD), as a date field takes it. */
const chinaDateIn = (days: number) =>
  new Date(Date.now() + days * DAY + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);

describe('hazard workbench (headless Chromium)', () => {
  let stack: TestStack;
  let browser: Browser;
  let campaign: Awaited<ReturnType<typeof createCampaign>>;
  let pudong: string;
  let enterprise: { id: string; name: string };
  let enterpriseUser: { id: string; token: string };
  let huangpuOfficer: { id: string; token: string };
  let inspectionId = '';
  let hazardId = '';
  let directHazardId = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    stack = await startTestStack({ database: 'pglite', worker: false });
    browser = await launchBrowser();
    campaign = await createCampaign(stack, 2032);
    pudong = await unitId(stack, 'pudong');
    enterprise = await createEnterprise(stack, 'unitOfficer', {
      name: '上海浦江燃气具制造有限公司',
      contacts: [{ name: '林经理', email: 'lin@pujiang.test', isPrimary: true }],
    });
    enterpriseUser = await createUser(stack, {
      role: 'enterprise_user',
      enterpriseId: enterprise.id,
      name: '林经理',
      email: 'lin@pujiang.test',
    });
    huangpuOfficer = await createUser(stack, {
      role: 'unit_officer',
      unitCode: 'huangpu',
      name: '黄浦监管员',
      email: 'officer.huangpu@test.local',
    });
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await stack?.stop();
  });

  async function signIn(who: Person): Promise<Page> {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1400, height: 900 },
    });
    contexts.push(context);
    const page = await context.newPage();
    await signInByEmail(stack, page, who);
    expect(page.url()).toBe(`${stack.api.url}/dashboard`);
    return page;
  }

  /** Clicks a form's button and returns the status of the POST's response. */
  async function submit(page: Page, selector: string): Promise<number> {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.click(selector),
    ]);
    await page.waitForLoadState();
    return response.status();
  }

  it('records an inspection: a failed item needs its hazard, then becomes one', async () => {
    const page = await signIn('unitOfficer');
    await page.goto(`${stack.api.url}/dashboard/enterprises/${enterprise.id}`);
    await Promise.all([page.waitForURL(/inspections\/new/), page.click('text=记录现场检查')]);
    expect(await page.textContent('h3')).toContain('生产许可证获证企业');
    const rows = await page.locator('fieldset.check-item').count();
    expect(rows).toBe(5);
    await screenshot(page, 'officer-inspection-new');

    for (let i = 0; i < rows - 1; i += 1) {
      await page.check(`input[name="items.${i}.result"][value=passed]`);
    }
    const last = rows - 1;
    await page.check(`input[name="items.${last}.result"][value=failed]`);
    await page.fill(`#field-items-${last}-note`, '超出许可范围生产燃气热水器');
    await page.click(`#item-licence_scope summary`);
    await page.fill(`#field-items-${last}-hazard-responsiblePerson`, '赵厂长');
    // No 整改措施, no 问题类型: 400, the errors beside those fields, what was typed kept.
    expect(await submit(page, 'form.inspection button[type=submit]')).toBe(400);
    const item = page.locator('#item-licence_scope');
    expect(await item.textContent()).toContain('整改措施不能为空');
    expect(await page.inputValue(`#field-items-${last}-note`)).toBe('超出许可范围生产燃气热水器');
    expect(await page.inputValue(`#field-items-${last}-hazard-responsiblePerson`)).toBe('赵厂长');
    expect(await page.isChecked(`input[name="items.${last}.result"][value=failed]`)).toBe(true);
    expect(await stack.api.db.prisma.inspection.count()).toBe(0);
    await screenshot(page, 'officer-inspection-rejected');

    await page.selectOption(`#field-items-${last}-hazard-problemType`, 'beyond_licence_scope');
    await page.selectOption(`#field-items-${last}-hazard-severity`, 'major');
    await page.fill(`#field-items-${last}-hazard-measure`, '停止超范围生产并召回已出厂产品');
    await page.fill(`#field-items-${last}-hazard-deadline`, chinaDateIn(20));
    expect(await submit(page, 'form.inspection button[type=submit]')).toBe(303);
    expect(new URL(page.url()).pathname).toMatch(/^\/dashboard\/inspections\//);
    inspectionId = new URL(page.url()).pathname.split('/').at(-1)!;
    expect(await page.textContent('.flash.ok')).toContain('现场检查已记录');
    const hazards = page.locator('table.hazards tbody tr');
    expect(await hazards.count()).toBe(1);
    expect(await hazards.textContent()).toContain('停止超范围生产并召回已出厂产品');
    expect(await hazards.textContent()).toContain('赵厂长');
    await screenshot(page, 'officer-inspection');

    const hazard = await stack.api.db.prisma.hazard.findFirstOrThrow({
      where: { inspectionId },
    });
    hazardId = hazard.id;
    expect(hazard).toMatchObject({
      source: 'inspection',
      problemType: 'beyond_licence_scope',
      severity: 'major',
      measure: '停止超范围生产并召回已出厂产品',
      responsiblePerson: '赵厂长',
      status: 'open',
    });
    expect(hazard.description).toContain('在许可范围内生产');
    const audit = await stack.api.db.prisma.auditLog.count({
      where: { entity: 'inspection', entityId: inspectionId, action: 'create' },
    });
    expect(audit).toBe(1);
  });

  it('runs 提交 → 退回 (with a reason) → 再次提交 → 核查通过（销号）', async () => {
    const enterprisePage = await signIn(enterpriseUser);
    const submitEvidence = async (text: string) => {
      await enterprisePage.goto(`${stack.api.url}/dashboard/hazards/${hazardId}`);
      await enterprisePage.fill('form.rectify textarea[name=description]', text);
      expect(await submit(enterprisePage, 'form.rectify button')).toBe(303);
    };
    await submitEvidence('已停止生产热水器，召回 12 台');
    expect(await enterprisePage.locator('#verify').count()).toBe(0);

    const officer = await signIn('unitOfficer');
    await officer.goto(`${stack.api.url}/dashboard/hazards/${hazardId}#verify`);
    expect(await officer.textContent('#verify')).toContain('已停止生产热水器');
    // 退回 without a reason: 400, the error beside 核查意见, the new deadline kept.
    const later = chinaDateIn(40);
    await officer.fill('#verify-deadline', later);
    expect(await submit(officer, '#verify button[value=reject]')).toBe(400);
    expect(await officer.textContent('#verify')).toContain('退回时须说明理由');
    expect(await officer.inputValue('#verify-deadline')).toBe(later);
    expect(
      (await stack.api.db.prisma.hazard.findUniqueOrThrow({ where: { id: hazardId } })).status,
    ).toBe('submitted');
    await screenshot(officer, 'officer-hazard-verify-rejected');

    await officer.fill('#verify-note', '召回记录不完整，请补充召回台账');
    expect(await submit(officer, '#verify button[value=reject]')).toBe(303);
    expect(await officer.textContent('.flash.ok')).toContain('已退回');
    let row = await stack.api.db.prisma.hazard.findUniqueOrThrow({ where: { id: hazardId } });
    expect(row.status).toBe('rectifying');
    expect(row.deadline.getTime()).toBe(endOfShanghaiDay(later).getTime());

    // The enterprise sees the reason, and submits again.
    await enterprisePage.goto(`${stack.api.url}/dashboard/hazards/${hazardId}`);
    expect(await enterprisePage.textContent('body')).toContain('召回记录不完整，请补充召回台账');
    await submitEvidence('已补充召回台账');

    await officer.goto(`${stack.api.url}/dashboard/hazards/${hazardId}`);
    await screenshot(officer, 'officer-hazard-verify');
    expect(await submit(officer, '#verify button[value=accept]')).toBe(303);
    expect(await officer.textContent('.flash.ok')).toContain('已销号');
    expect(await officer.textContent('h2')).toContain('已销号');
    row = await stack.api.db.prisma.hazard.findUniqueOrThrow({ where: { id: hazardId } });
    expect(row.status).toBe('closed');
    // Each submission and decision with who and when.
    const submissions = officer.locator('table tbody tr', { hasText: '已补充召回台账' });
    expect(await submissions.textContent()).toContain('林经理');
    const history = await officer.textContent('table.history');
    expect(history).toContain('退回整改');
    expect(history).toContain('核查通过（销号）');
    const actions = await stack.api.db.prisma.auditLog.findMany({
      where: { entity: 'hazard', entityId: hazardId },
      orderBy: { at: 'asc' },
    });
    expect(actions.map((a) => a.action)).toEqual([
      'create',
      'submit',
      'reject',
      'submit',
      'accept',
    ]);
    expect(actions[2]!.reason).toBe('召回记录不完整，请补充召回台账');
  });

  it('adds a hazard from the enterprise page, extends its deadline and edits it', async () => {
    const page = await signIn('unitOfficer');
    await page.goto(`${stack.api.url}/dashboard/enterprises/${enterprise.id}`);
    await Promise.all([page.waitForURL(/hazards\/new/), page.click('text=登记隐患')]);
    await page.selectOption('#field-problemType', 'no_factory_inspection');
    await page.fill('#field-description', '出厂检验记录缺少气密性项目');
    await page.fill('#field-measure', '补做气密性检验');
    await page.fill('#field-responsiblePerson', '钱质检');
    const deadline = chinaDateIn(10);
    await page.fill('#field-deadline', deadline);
    await screenshot(page, 'officer-hazard-new');
    expect(await submit(page, 'form.hazard-new button')).toBe(303);
    expect(await page.textContent('.flash.ok')).toContain('隐患已登记');
    // The date picked is the last day: the deadline is its 24:00.
    expect(await page.textContent('dl.facts')).toContain(`${deadline} 24:00`);
    directHazardId = new URL(page.url()).pathname.split('/').at(-1)!;
    const created = await stack.api.db.prisma.hazard.findUniqueOrThrow({
      where: { id: directHazardId },
    });
    expect(created).toMatchObject({ measure: '补做气密性检验', responsiblePerson: '钱质检' });

    // 延长整改期限: a later deadline, the reason in the audit log.
    const extended = chinaDateIn(25);
    await page.fill('#extend-deadline', extended);
    await page.fill('#extend-reason', '检验机构排期');
    expect(await submit(page, 'form.extend button')).toBe(303);
    expect(await page.textContent('.flash.ok')).toContain('整改期限已延长');
    const after = await stack.api.db.prisma.hazard.findUniqueOrThrow({
      where: { id: directHazardId },
    });
    expect(after.deadline.getTime()).toBe(endOfShanghaiDay(extended).getTime());
    const audit = await stack.api.db.prisma.auditLog.findFirstOrThrow({
      where: { entity: 'hazard', entityId: directHazardId, action: 'extend' },
    });
    expect(audit.reason).toBe('检验机构排期');
    expect(await page.textContent('table.history')).toContain('检验机构排期');

    // 修改隐患 with a stale version: 409, the message, what was typed kept; then with a fresh one.
    await page.goto(`${stack.api.url}/dashboard/hazards/${directHazardId}/edit`);
    await screenshot(page, 'officer-hazard-edit');
    const current = (await stack.call('GET', `/api/hazards/${directHazardId}`)).body;
    const meanwhile = await stack.call('PATCH', `/api/hazards/${directHazardId}`, {
      as: 'unitOfficer',
      body: { version: current.version, responsiblePerson: '孙主任' },
    });
    expect(meanwhile.status).toBe(200);
    await page.fill('#field-measure', '补做气密性检验并送检');
    expect(await submit(page, 'form.hazard-edit button')).toBe(409);
    expect(await page.textContent('.flash.err')).toContain('记录已被他人修改');
    expect(await page.inputValue('#field-measure')).toBe('补做气密性检验并送检');
    await page.goto(`${stack.api.url}/dashboard/hazards/${directHazardId}/edit`);
    expect(await page.inputValue('#field-responsiblePerson')).toBe('孙主任');
    await page.fill('#field-measure', '补做气密性检验并送检');
    expect(await submit(page, 'form.hazard-edit button')).toBe(303);
    expect(await page.textContent('.flash.ok')).toContain('隐患内容已修改');
    expect(
      (await stack.api.db.prisma.hazard.findUniqueOrThrow({ where: { id: directHazardId } }))
        .measure,
    ).toBe('补做气密性检验并送检');
  });

  it('lists the unit problem list with filters in the URL', async () => {
    const page = await signIn('unitOfficer');
    await page.goto(`${stack.api.url}/dashboard/units/${pudong}`);
    await Promise.all([page.waitForURL(/\/hazards/), page.click('text=查看问题清单')]);
    expect(await page.locator('table.hazard-list tbody tr').count()).toBe(2);
    await page.selectOption('select[name=status]', 'closed');
    await Promise.all([page.waitForURL(/status=closed/), page.click('form.list-controls button')]);
    const rows = page.locator('table.hazard-list tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.textContent()).toContain('在许可范围内生产');
    await screenshot(page, 'officer-hazard-list');
  });

  it("answers another unit's officer 404 for these pages and their forms", async () => {
    const page = await signIn(huangpuOfficer);
    const csrf = await page.getAttribute('input[name=_csrf]', 'value');
    expect(csrf).toBeTruthy();
    for (const path of [
      `/dashboard/enterprises/${enterprise.id}/inspections/new`,
      `/dashboard/enterprises/${enterprise.id}/hazards/new`,
      `/dashboard/inspections/${inspectionId}`,
      `/dashboard/hazards/${directHazardId}`,
      `/dashboard/hazards/${directHazardId}/edit`,
      `/dashboard/units/${pudong}/hazards`,
    ]) {
      const response = await page.goto(`${stack.api.url}${path}`);
      expect(response?.status(), path).toBe(404);
    }
    const version = (await stack.call('GET', `/api/hazards/${directHazardId}`)).body.version;
    const posts: [string, Record<string, string>][] = [
      [`/dashboard/enterprises/${enterprise.id}/inspections/new`, {}],
      [
        `/dashboard/enterprises/${enterprise.id}/hazards/new`,
        { categoryId: campaign.categoryId('gas_appliances') },
      ],
      [
        `/dashboard/hazards/${directHazardId}/extend`,
        { version: String(version), deadline: chinaDateIn(60), reason: '越权' },
      ],
      [
        `/dashboard/hazards/${directHazardId}/verify`,
        { version: String(version), decision: 'accept' },
      ],
      [`/dashboard/hazards/${directHazardId}/edit`, { version: String(version), measure: '越权' }],
    ];
    for (const [path, form] of posts) {
      const response = await page.request.post(`${stack.api.url}${path}`, {
        form: { _csrf: csrf!, ...form },
        headers: { origin: stack.api.url },
        maxRedirects: 0,
      });
      expect(response.status(), path).toBe(404);
    }
    const unchanged = await stack.api.db.prisma.hazard.findUniqueOrThrow({
      where: { id: directHazardId },
    });
    expect(unchanged.version).toBe(version);
  });
});
