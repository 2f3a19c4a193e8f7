import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIGURES } from '../../domain/statistics/index.js';
import { exe, pdf, png } from '../files/samples.js';
import { launchBrowser, screenshot } from '../support/browser.js';
import { createCampaign, createEnterprise, createUser, unitId } from '../support/fixtures.js';
import { startTestStack, type TestStack } from '../support/stack.js';
import { signInByEmail, type Person } from '../support/sign-in.js';

// The 报送 workbench on the duty page, driven in headless Chromium against the real API and
// database (a real-calendar 2031 campaign, so every duty is still ahead and on time): the monthly
// table with its typical cases, a resubmission, the phase summary with files, and the scope.

const CASES_FILED = FIGURES.findIndex((f) => f.key === 'casesFiled');

describe('duty workbench (headless Chromium)', () => {
  let stack: TestStack;
  let browser: Browser;
  let campaign: Awaited<ReturnType<typeof createCampaign>>;
  let pudong: string;
  let huangpuOfficer: { id: string; token: string };
  let enterprise: { id: string; name: string };
  let monthly: { id: string };
  let phase: { id: string };
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
    enterprise = await createEnterprise(stack, 'unitOfficer', { name: '上海浦安燃气器具有限公司' });
    const duties = await stack.call(
      'GET',
      `/api/duties?campaign=${campaign.id}&unit=${pudong}&pageSize=100`,
      { as: 'unitOfficer' },
    );
    expect(duties.status).toBe(200);
    type Row = { id: string; kind: string; period: string };
    monthly = duties.body.items.find(
      (d: Row) => d.kind === 'monthly_statistics' && d.period === '2031-06',
    );
    phase = duties.body.items.find((d: Row) => d.kind === 'phase_summary');
    expect(monthly).toBeDefined();
    expect(phase).toBeDefined();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await stack?.stop();
  });

  async function signIn(who: Person): Promise<Page> {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1500, height: 900 },
    });
    contexts.push(context);
    const page = await context.newPage();
    await signInByEmail(stack, page, who);
    expect(page.url()).toBe(`${stack.api.url}/dashboard`);
    return page;
  }

  const dutyUrl = (id: string) => `${stack.api.url}/dashboard/duties/${id}`;
  /** The 合计 row's 立案（起） cell of the first statistics table on the page. */
  const casesFiledTotal = (page: Page) =>
    page.locator('table.statistics tbody tr').last().locator('td').nth(CASES_FILED).textContent();

  async function fileTypicalCase() {
    const res = await stack.call('POST', '/api/cases', {
      as: 'unitOfficer',
      body: {
        campaignId: campaign.id,
        categoryId: campaign.categoryId('gas_appliances'),
        enterpriseId: enterprise.id,
        title: '浦安公司生产不合格燃气灶案',
        filedAt: '2031-06-12T09:00:00+08:00',
        isTypical: true,
        typicalContent: '燃气灶熄火保护装置不合格',
        typicalProgress: '已立案调查',
      },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; title: string };
  }

  it('submits the monthly table with 本月无典型案例, then a corrected version 2', async () => {
    const page = await signIn('unitOfficer');
    await page.goto(`${dutyUrl(monthly.id)}#submit`);
    const form = page.locator('#submit');
    expect(await form.locator('h2').textContent()).toBe('报送');
    // The table as it will be frozen, with the official column heads.
    const heads = await form
      .locator('table.statistics thead tr')
      .nth(1)
      .locator('th')
      .allTextContents();
    expect(heads).toEqual(FIGURES.map((f) => f.heading));
    expect(await form.locator('table.statistics thead').textContent()).toContain('案件查办');
    expect(await casesFiledTotal(page)).toBe('0');
    expect(await form.textContent()).toContain('本单位本月没有标记为典型案例的案件');
    await screenshot(page, 'duty-monthly-form');

    // Without typical cases and without the declaration the submission is refused.
    await page.click('#submit button[type=submit]');
    await page.waitForSelector('.field-error');
    expect(await page.textContent('#field-noTypicalCases-error')).toContain(
      '请勾选「本月无典型案例」',
    );
    expect(await page.textContent('.flash.err')).toContain('报送未成功');
    expect(await stack.api.db.prisma.dutySubmission.count({ where: { dutyId: monthly.id } })).toBe(
      0,
    );
    await screenshot(page, 'duty-monthly-refused');

    await page.check('#field-noTypicalCases');
    await Promise.all([
      page.waitForURL(/\?ok=duty_submitted/),
      page.click('#submit button[type=submit]'),
    ]);
    expect(await page.textContent('.flash.ok')).toContain('已报送');
    expect(await page.textContent('main h2')).toContain('已按期报送');
    const v1 = page.locator('#v1');
    expect(await v1.textContent()).toContain('第 1 版');
    expect(await v1.textContent()).toContain('本月无典型案例');
    expect(await v1.textContent()).toContain('按时');
    expect(await page.locator('#submit h2').textContent()).toBe('重新报送');
    await screenshot(page, 'duty-monthly-submitted');
    const first = await stack.api.db.prisma.dutySubmission.findFirstOrThrow({
      where: { dutyId: monthly.id, version: 1 },
    });
    expect(first.noTypicalCases).toBe(true);
    expect(first.typicalCases).toEqual([]);
    const audit = await stack.api.db.prisma.auditLog.findMany({
      where: { entity: 'unit_duty', entityId: monthly.id },
    });
    expect(audit.map((a) => a.action)).toEqual(['submit']);

    // A typical case recorded afterwards: the live preview changes and lists it…
    const typical = await fileTypicalCase();
    await page.goto(`${dutyUrl(monthly.id)}#submit`);
    expect(await casesFiledTotal(page)).toBe('1');
    const caseBox = page.locator(`#submit input[name=typicalCaseIds][value="${typical.id}"]`);
    expect(await caseBox.isChecked()).toBe(true);
    await page.fill('#field-reason', '补报本月典型案例');
    await Promise.all([
      page.waitForURL(/\?ok=duty_resubmitted/),
      page.click('#submit button[type=submit]'),
    ]);
    expect(await page.textContent('.flash.ok')).toContain('已重新报送');
    const v2 = page.locator('#v2');
    expect(await v2.textContent()).toContain('补报本月典型案例');
    expect(await v2.textContent()).toContain(typical.title);
    await screenshot(page, 'duty-monthly-version-2');
    const second = await stack.api.db.prisma.dutySubmission.findFirstOrThrow({
      where: { dutyId: monthly.id, version: 2 },
    });
    expect(second.typicalCases).toEqual([{ id: typical.id, title: typical.title }]);
    expect(second.noTypicalCases).toBe(false);

    // …version 1's frozen table keeps the old figures, version 2's has the case.
    await Promise.all([
      page.waitForURL(/statistics\?version=1$/),
      v1.locator('a', { hasText: '查看' }).click(),
    ]);
    expect(await page.textContent('main h2')).toContain('第 1 版统计表');
    expect(await casesFiledTotal(page)).toBe('0');
    await screenshot(page, 'duty-monthly-frozen-v1');
    await page.goto(`${dutyUrl(monthly.id)}/statistics?version=2`);
    expect(await casesFiledTotal(page)).toBe('1');
    const xlsx = await page.request.get(`${dutyUrl(monthly.id)}/statistics?version=1&format=xlsx`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    const csv = await page.request.get(`${dutyUrl(monthly.id)}/statistics?version=1&format=csv`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('立案（起）');
    const api = await stack.call('GET', `/api/duties/${monthly.id}/statistics?version=1`, {
      as: 'unitOfficer',
    });
    expect(api.body.total.values.casesFiled).toBe(0);
  });

  it('submits the phase summary with a PDF and a PNG, refusing a disguised file', async () => {
    const page = await signIn('unitOfficer');
    await page.goto(`${dutyUrl(phase.id)}#submit`);
    const summary = '本阶段共排查燃气用具生产企业 12 家，发现隐患 3 处，均已整改。';
    await page.fill('#field-text', summary);
    await page.setInputFiles('#field-files', [
      { name: '阶段总结.pdf', mimeType: 'application/pdf', buffer: Buffer.from(exe()) },
    ]);
    await page.click('#submit button[type=submit]');
    await page.waitForSelector('.field-error');
    expect(await page.textContent('#field-files-error')).toContain('的类型不允许上传');
    expect(await page.inputValue('#field-text')).toBe(summary);
    expect(await stack.api.db.prisma.dutySubmission.count({ where: { dutyId: phase.id } })).toBe(0);
    await screenshot(page, 'duty-phase-refused');

    const pdfBytes = Buffer.from(pdf());
    const pngBytes = Buffer.from(png(7));
    await page.setInputFiles('#field-files', [
      { name: '阶段总结.pdf', mimeType: 'application/pdf', buffer: pdfBytes },
      { name: '现场照片.png', mimeType: 'image/png', buffer: pngBytes },
    ]);
    await Promise.all([
      page.waitForURL(/\?ok=duty_submitted/),
      page.click('#submit button[type=submit]'),
    ]);
    const v1 = page.locator('#v1');
    expect(await v1.textContent()).toContain(summary);
    await screenshot(page, 'duty-phase-submitted');
    const links = v1.locator('a[href*="/files/"]');
    expect(await links.allTextContents()).toEqual(['阶段总结.pdf', '现场照片.png']);
    const hrefs = await Promise.all([0, 1].map((i) => links.nth(i).getAttribute('href')));
    const pdfDownload = await page.request.get(`${stack.api.url}${hrefs[0]}`);
    expect(pdfDownload.status()).toBe(200);
    expect(pdfDownload.headers()['content-type']).toBe('application/pdf');
    expect(Buffer.from(await pdfDownload.body()).equals(pdfBytes)).toBe(true);
    const pngDownload = await page.request.get(`${stack.api.url}${hrefs[1]}`);
    expect(pngDownload.headers()['content-type']).toBe('image/png');
    expect(Buffer.from(await pngDownload.body()).equals(pngBytes)).toBe(true);

    // The JSON API shows the same files on the version and serves them to the unit.
    const detail = await stack.call('GET', `/api/duties/${phase.id}`, { as: 'unitOfficer' });
    expect(detail.body.submissions[0].files.map((f: { name: string }) => f.name)).toEqual([
      '阶段总结.pdf',
      '现场照片.png',
    ]);

    // Another unit's officer: the page, the post and the file are not found.
    const other = await signIn(huangpuOfficer);
    const pageResponse = await other.goto(dutyUrl(phase.id));
    expect(pageResponse?.status()).toBe(404);
    await screenshot(other, 'duty-other-unit-404');
    expect((await other.request.get(`${stack.api.url}${hrefs[0]}`)).status()).toBe(404);
    await other.goto(`${stack.api.url}/dashboard`);
    const csrf = await other.locator('input[name=_csrf]').first().inputValue();
    const post = await other.request.post(`${dutyUrl(phase.id)}/submissions`, {
      headers: { Origin: stack.api.url },
      multipart: { _csrf: csrf, text: '越权报送' },
    });
    expect(post.status()).toBe(404);
    const apiPost = await stack.call('POST', `/api/duties/${phase.id}/submissions`, {
      as: huangpuOfficer,
      body: { text: '越权报送', reason: '越权' },
    });
    expect(apiPost.status).toBe(404);
    const apiFile = await fetch(`${stack.api.url}${detail.body.submissions[0].files[0].url}`, {
      headers: { Authorization: `Bearer ${huangpuOfficer.token}` },
    });
    expect(apiFile.status).toBe(404);
    expect(await stack.api.db.prisma.dutySubmission.count({ where: { dutyId: phase.id } })).toBe(1);
  });

  it('takes a multipart submission with files on the JSON API', async () => {
    const duties = await stack.call(
      'GET',
      `/api/duties?campaign=${campaign.id}&unit=${pudong}&kind=annual_summary&pageSize=10`,
      { as: 'unitOfficer' },
    );
    const next = duties.body.items[0] as { id: string };
    const body = new FormData();
    body.set('text', '全年工作总结');
    body.append('files', new Blob([Buffer.from(png(9))]), '照片.png');
    const res = await fetch(`${stack.api.url}/api/duties/${next.id}/submissions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${stack.tokens.unitOfficer}` },
      body,
    });
    expect(res.status).toBe(201);
    const duty = (await res.json()) as { submissions: { files: { url: string }[] }[] };
    const file = await fetch(`${stack.api.url}${duty.submissions[0]!.files[0]!.url}`, {
      headers: { Authorization: `Bearer ${stack.tokens.unitOfficer}` },
    });
    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(png(9)))).toBe(true);
  });
});
