import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../support/browser.js';
import {
  createCampaign,
  createEnterprise,
  createUser,
  unitId,
  validCreditCode,
} from '../support/fixtures.js';
import { startTestStack, type TestStack } from '../support/stack.js';
import { signInByEmail, type Person } from '../support/sign-in.js';

// The unit officer's register workbench in headless Chromium against the real stack (no worker:
// nothing here waits for a workflow): registering and editing an enterprise, the two-step import
// of the register, and closing follow-up tasks (专门现场检查 by an inspection, 约谈 by an
// interview recorded from the task page). Another unit's officer gets 404 on all of it.

const FIXTURES = path.resolve('test', 'fixtures');
const IMPORT_CODES = ['91310115MA1FL0002R', '91310115MA1FL0003W', '91310115MA1FL00040'];

describe('register workbench (headless Chromium)', () => {
  let stack: TestStack;
  let browser: Browser;
  let campaign: Awaited<ReturnType<typeof createCampaign>>;
  let pudong: string;
  let huangpuOfficer: { id: string; token: string };
  let huangpuEnterprise: { id: string; name: string; creditCode: string };
  let pudongEnterprise: { id: string; name: string };
  let reinspection: { id: string };
  let interviewTask: { id: string };
  let inspection: { id: string };
  let registeredId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    stack = await startTestStack({ database: 'pglite', worker: false });
    browser = await launchBrowser();
    campaign = await createCampaign(stack, 2031);
    pudong = await unitId(stack, 'pudong');
    huangpuOfficer = await createUser(stack, {
      role: 'unit_officer',
      unitCode: 'huangpu',
      email: 'officer.huangpu@test.local',
    });
    huangpuEnterprise = await createEnterprise(stack, huangpuOfficer, {
      name: '上海外滩燃气用具商行',
      address: '上海市黄浦区测试路 2 号',
    });
    pudongEnterprise = await createEnterprise(stack, 'unitOfficer', {
      name: '上海浦安燃气器具有限公司',
    });
    // Setup the API cannot do without the workflows: the tasks they open after spot checks.
    const task = (kind: 'reinspection' | 'interview') =>
      stack.api.db.prisma.followUpTask.create({
        data: {
          kind,
          campaignId: campaign.id,
          unitId: pudong,
          enterpriseId: pudongEnterprise.id,
          reason: kind === 'interview' ? '连续两年监督抽查不合格' : '抽查不合格后复查',
          dueAt: new Date(Date.now() + 30 * 24 * 3600_000),
          openKey: `${pudongEnterprise.id}:${kind}`,
        },
      });
    reinspection = await task('reinspection');
    interviewTask = await task('interview');
    const created = await stack.call('POST', '/api/inspections', {
      as: 'unitOfficer',
      body: {
        campaignId: campaign.id,
        enterpriseId: pudongEnterprise.id,
        categoryId: campaign.categoryId('gas_appliances'),
        inspectedAt: new Date().toISOString(),
        inspectors: ['李检查', '周检查'],
        items: [
          'raw_materials',
          'process',
          'factory_inspection',
          'premises_equipment',
          'licence_scope',
        ].map((code) => ({ code, passed: true })),
      },
    });
    expect(created.status).toBe(201);
    inspection = created.body;
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await stack?.stop();
  });

  async function signIn(who: Person): Promise<Page> {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1280, height: 900 },
    });
    contexts.push(context);
    const page = await context.newPage();
    await signInByEmail(stack, page, who);
    expect(page.url()).toBe(`${stack.api.url}/dashboard`);
    return page;
  }

  const audits = (entity: string, action: string) =>
    stack.api.db.prisma.auditLog.count({ where: { entity, action } });

  it('registers an enterprise: a wrong credit code keeps the input; then edits it', async () => {
    const page = await signIn('unitOfficer');
    await page.goto(`${stack.api.url}/dashboard/units/${pudong}/enterprises`);
    expect(await page.textContent('table')).toContain(pudongEnterprise.name);
    expect(await page.textContent('body')).not.toContain(huangpuEnterprise.name);
    await screenshot(page, 'register-list');

    await page.click('text=登记企业');
    const good = validCreditCode();
    const wrong = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
    await page.fill('#field-creditCode', wrong);
    await page.fill('#field-name', '上海新登记燃气灶具有限公司');
    await page.selectOption('#field-type', 'producer');
    await page.fill('#field-address', '上海市浦东新区登记路 8 号');
    await page.check('input[name=categoryCodes][value=gas_appliances]');
    await page.fill('#field-products', '家用燃气灶\n燃气热水器');
    await page.fill('#field-contactName', '钱经理');
    await page.fill('#field-contactEmail', 'qian@example.com');
    const [rejected] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.click('button:has-text("登记企业")'),
    ]);
    expect(rejected.status()).toBe(400);
    expect(await page.textContent('#field-creditCode-error')).toContain('校验');
    expect(await page.inputValue('#field-creditCode')).toBe(wrong);
    expect(await page.inputValue('#field-name')).toBe('上海新登记燃气灶具有限公司');
    expect(await page.inputValue('#field-products')).toBe('家用燃气灶\n燃气热水器');
    expect(await page.isChecked('input[name=categoryCodes][value=gas_appliances]')).toBe(true);
    await screenshot(page, 'register-new-rejected');

    // Another unit's credit code: only that the code is registered, not whose enterprise it is.
    await page.fill('#field-creditCode', huangpuEnterprise.creditCode);
    const [conflict] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.click('button:has-text("登记企业")'),
    ]);
    expect(conflict.status()).toBe(409);
    expect(await page.textContent('#field-creditCode-error')).toContain('已登记');
    expect(await page.textContent('body')).not.toContain(huangpuEnterprise.name);

    const createAudits = await audits('enterprise', 'create');
    await page.fill('#field-creditCode', good);
    await Promise.all([
      page.waitForURL(/\/dashboard\/enterprises\/[^/?]+\?ok=enterprise_registered$/),
      page.click('button:has-text("登记企业")'),
    ]);
    expect(await page.textContent('.flash.ok')).toContain('企业已登记');
    const stored = await stack.api.db.prisma.enterprise.findUniqueOrThrow({
      where: { creditCode: good },
      include: { contacts: true },
    });
    registeredId = stored.id;
    expect(stored).toMatchObject({
      unitId: pudong,
      name: '上海新登记燃气灶具有限公司',
      isProducer: true,
      isSeller: false,
      categoryCodes: ['gas_appliances'],
      products: ['家用燃气灶', '燃气热水器'],
    });
    expect(stored.contacts).toMatchObject([
      { name: '钱经理', email: 'qian@example.com', isPrimary: true },
    ]);
    expect(await audits('enterprise', 'create')).toBe(createAudits + 1);
    await screenshot(page, 'register-enterprise-page');

    await page.click('a:has-text("编辑")');
    expect(await page.inputValue('#field-name')).toBe('上海新登记燃气灶具有限公司');
    await page.fill('#field-name', '上海新登记燃具有限公司');
    await page.selectOption('#field-type', 'both');
    await screenshot(page, 'register-edit');
    await Promise.all([
      page.waitForURL(/\?ok=enterprise_updated$/),
      page.click('button:has-text("保存")'),
    ]);
    expect(await page.textContent('.flash.ok')).toContain('企业信息已保存');
    const edited = await stack.api.db.prisma.enterprise.findUniqueOrThrow({
      where: { id: registeredId },
    });
    expect(edited).toMatchObject({ name: '上海新登记燃具有限公司', isSeller: true, version: 2 });
    expect(
      await stack.api.db.prisma.auditLog.count({
        where: { entity: 'enterprise', action: 'update', entityId: registeredId },
      }),
    ).toBe(1);

    // Someone else saves meanwhile: 409, the typed name is kept.
    await page.click('a:has-text("编辑")');
    await page.fill('#field-name', '上海我方修改有限公司');
    const patched = await stack.call('PATCH', `/api/enterprises/${registeredId}`, {
      as: 'unitOfficer',
      body: { version: 2, address: '上海市浦东新区他人路 9 号' },
    });
    expect(patched.status).toBe(200);
    const [stale] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.click('button:has-text("保存")'),
    ]);
    expect(stale.status()).toBe(409);
    expect(await page.textContent('.flash.err')).toContain('已被他人修改');
    expect(await page.inputValue('#field-name')).toBe('上海我方修改有限公司');
  });

  it('imports the register: the dry run shows the bad row; the fixed file is confirmed', async () => {
    const page = await signIn('unitOfficer');
    await page.goto(`${stack.api.url}/dashboard/units/${pudong}/enterprises`);
    await page.click('text=导入企业名录');
    const template = await page.request.get(
      `${stack.api.url}/dashboard/units/${pudong}/enterprises/import/template.csv`,
    );
    expect(template.status()).toBe(200);
    expect(await template.text()).toContain('统一社会信用代码');
    await screenshot(page, 'register-import');

    const count = () =>
      stack.api.db.prisma.enterprise.count({ where: { creditCode: { in: IMPORT_CODES } } });
    await page.setInputFiles('#field-file', path.join(FIXTURES, 'register-import-one-bad.csv'));
    await page.click('button:has-text("试导入")');
    await page.waitForSelector('table.import-errors');
    const errors = await page.locator('table.import-errors tbody tr').allTextContents();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('第 3 行');
    expect(errors[0]).toContain('统一社会信用代码');
    expect(errors[0]).toContain('校验位');
    expect(await page.locator('button:has-text("确认导入")').count()).toBe(0);
    await screenshot(page, 'register-import-errors');
    expect(await count()).toBe(0);

    const importAudits = await audits('enterprise', 'import');
    await page.setInputFiles(
      '#field-file',
      path.join(FIXTURES, 'register-import-one-bad-fixed.csv'),
    );
    await page.click('button:has-text("试导入")');
    await page.waitForSelector('table.import-rows');
    const rows = await page.locator('table.import-rows tbody tr').allTextContents();
    expect(rows).toHaveLength(3);
    expect(rows.every((row) => row.includes('新登记'))).toBe(true);
    expect(await count()).toBe(0);
    const pending = await stack.api.db.prisma.pendingEnterpriseImport.findMany();
    expect(pending).toHaveLength(1);
    await screenshot(page, 'register-import-dry-run');

    // The kept file is the uploader's only: another unit's officer cannot confirm it.
    const other = await signIn(huangpuOfficer);
    await other.goto(`${stack.api.url}/dashboard`);
    const csrf = await other.locator('input[name=_csrf]').first().inputValue();
    const huangpu = await unitId(stack, 'huangpu');
    const foreign = await other.request.post(
      `${stack.api.url}/dashboard/units/${huangpu}/enterprises/import/confirm`,
      { form: { _csrf: csrf, pending: pending[0]!.id }, headers: { origin: stack.api.url } },
    );
    expect(foreign.status()).toBe(404);

    await Promise.all([
      page.waitForURL(/\/enterprises\?ok=enterprises_imported$/),
      page.click('button:has-text("确认导入")'),
    ]);
    expect(await page.textContent('.flash.ok')).toContain('企业名录已导入');
    expect(await page.textContent('table')).toContain('上海补全名称商贸有限公司');
    expect(await count()).toBe(3);
    expect(await audits('enterprise', 'import')).toBe(importAudits + 3);
    expect(await stack.api.db.prisma.pendingEnterpriseImport.count()).toBe(0);

    // Filters and sorting in the URL.
    await page.fill('#filter-q', '补全名称');
    await page.click('button:has-text("筛选")');
    expect(new URL(page.url()).searchParams.get('q')).toBe('补全名称');
    expect(await page.locator('table tbody tr').count()).toBe(1);
    await page.goto(
      `${stack.api.url}/dashboard/units/${pudong}/enterprises?type=producer&sort=-name`,
    );
    const names = await page.locator('table tbody tr td:first-child').allTextContents();
    expect(names).not.toContain('上海补全名称商贸有限公司'); // a seller only
    expect(names).toEqual([...names].sort().reverse());
  });

  it('closes a re-inspection task by linking the inspection', async () => {
    const page = await signIn('unitOfficer');
    await page.goto(`${stack.api.url}/dashboard/follow-ups/${reinspection.id}#close`);
    await page.selectOption('#field-inspectionId', inspection.id);
    await screenshot(page, 'follow-up-close');
    // The note is required: the rejected form keeps the chosen inspection.
    await page.$eval('#field-note', (el) => el.removeAttribute('required'));
    const [rejected] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.click('button:has-text("办结任务")'),
    ]);
    expect(rejected.status()).toBe(400);
    expect(await page.textContent('#field-note-error')).toContain('请填写完成情况');
    expect(await page.inputValue('#field-inspectionId')).toBe(inspection.id);

    await page.fill('#field-note', '已完成专门现场检查，未发现新的问题');
    await Promise.all([
      page.waitForURL(/\?ok=follow_up_closed$/),
      page.click('button:has-text("办结任务")'),
    ]);
    expect(await page.textContent('.flash.ok')).toContain('任务已办结');
    expect(await page.locator('#close').count()).toBe(0);
    const task = await stack.api.db.prisma.followUpTask.findUniqueOrThrow({
      where: { id: reinspection.id },
    });
    expect(task).toMatchObject({ status: 'done', inspectionId: inspection.id });
    expect(
      await stack.api.db.prisma.auditLog.count({
        where: { entity: 'follow_up_task', action: 'close', entityId: reinspection.id },
      }),
    ).toBe(1);
  });

  it('records an interview from the 约谈 task and closes the task with it', async () => {
    const page = await signIn('unitOfficer');
    await page.goto(`${stack.api.url}/dashboard/follow-ups/${interviewTask.id}`);
    expect(await page.textContent('#close')).toContain('尚无约谈记录');
    expect(await page.isChecked('#field-closeTask')).toBe(true);
    expect(await page.inputValue('#field-reason')).toBe('连续两年监督抽查不合格');
    await page.fill('#field-interviewedAt', '2031-07-20T09:30');
    await page.selectOption('#field-categoryId', campaign.categoryId('gas_appliances'));
    await page.fill('#interview-note', '企业负责人到场，承诺完善出厂检验');
    await screenshot(page, 'follow-up-interview');
    await Promise.all([
      page.waitForURL(/\?ok=interview_recorded_closed$/),
      page.click('button:has-text("保存约谈记录")'),
    ]);
    expect(await page.textContent('.flash.ok')).toContain('约谈任务已随之办结');
    const interview = await stack.api.db.prisma.interview.findFirstOrThrow({
      where: { enterpriseId: pudongEnterprise.id },
    });
    expect(interview.interviewedAt.toISOString()).toBe('2031-07-20T01:30:00.000Z');
    const task = await stack.api.db.prisma.followUpTask.findUniqueOrThrow({
      where: { id: interviewTask.id },
    });
    expect(task).toMatchObject({ status: 'done', interviewId: interview.id });
    expect(await audits('interview', 'create')).toBe(1);
    await screenshot(page, 'follow-up-interview-closed');
  });

  it("gives another unit's officer 404 on the pages and the posts", async () => {
    const page = await signIn(huangpuOfficer);
    const csrf = await page.locator('input[name=_csrf]').first().inputValue();
    for (const url of [
      `/dashboard/units/${pudong}/enterprises`,
      `/dashboard/units/${pudong}/enterprises/new`,
      `/dashboard/units/${pudong}/enterprises/import`,
      `/dashboard/enterprises/${registeredId}/edit`,
      `/dashboard/follow-ups/${interviewTask.id}`,
    ]) {
      const response = await page.goto(`${stack.api.url}${url}`);
      expect(response?.status(), url).toBe(404);
    }
    for (const url of [
      `/dashboard/units/${pudong}/enterprises`,
      `/dashboard/units/${pudong}/enterprises/import`,
      `/dashboard/units/${pudong}/enterprises/import/confirm`,
      `/dashboard/enterprises/${registeredId}/edit`,
      `/dashboard/follow-ups/${reinspection.id}/close`,
      `/dashboard/follow-ups/${interviewTask.id}/interviews`,
    ]) {
      const response = await page.request.post(`${stack.api.url}${url}`, {
        form: { _csrf: csrf, version: '1', name: '越权修改', note: '越权办结' },
        headers: { origin: stack.api.url },
      });
      expect(response.status(), url).toBe(404);
    }
    const unchanged = await stack.api.db.prisma.enterprise.findUniqueOrThrow({
      where: { id: registeredId },
    });
    expect(unchanged.name).not.toBe('越权修改');
  });
});
