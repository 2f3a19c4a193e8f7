import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../support/databases.js';
import { createCampaign, createEnterprise, createUser, unitId } from '../support/fixtures.js';
import { startTestStack, type Caller, type TestStack } from '../support/stack.js';

// A hand-made dataset in three units — 浦东新区 (the demo officer), 黄浦 (another officer) and the
// city division (the city admin) — with records on both sides of the June/July boundary in China
// time, one enterprise checked for two categories, and amounts like 0.10 + 0.20. Every expected
// figure below is written out by hand from the list of records in `beforeAll`.

const FIGURE_ORDER = [
  'riskInfoCollected',
  'batchesMonitored',
  'problemsFound',
  'enterprisesChecked',
  'batchesChecked',
  'unqualifiedBatches',
  'casesFiled',
  'fines',
  'caseValue',
  'casesTransferred',
  'casesExposed',
  'enterprisesAssisted',
  'problemsSolved',
  'outputValueRaised',
  'enterprisesInterviewed',
] as const;

/** The 15 figures in the form's order, as a values object (money as strings). */
function figures(list: (number | string)[]) {
  expect(list).toHaveLength(15);
  return Object.fromEntries(FIGURE_ORDER.map((key, i) => [key, list[i]]));
}
const ZERO = figures([0, 0, 0, 0, 0, 0, 0, '0.00', '0.00', 0, 0, 0, 0, '0.00', 0]);

const paths = (body: { error: { issues?: { path: string }[] } }) =>
  (body.error.issues ?? []).map((issue) => issue.path).sort();

describe.each(DATABASE_KINDS)('statistics table and case ledger on %s', (database) => {
  let stack: TestStack;
  let campaign: Awaited<ReturnType<typeof createCampaign>>;
  let pudong: string;
  let huangpu: string;
  let city: string;
  let huangpuOfficer: { token: string };
  let c1: { id: string; version: number };

  const row = (body: any, code: string) =>
    (body.rows as { code: string; values: unknown }[]).find((r) => r.code === code)!.values;
  const byUnit = (body: any, id: string) =>
    (body.byUnit as { unit: { id: string }; total: { values: unknown }; rows: any[] }[]).find(
      (u) => u.unit.id === id,
    )!;

  async function post(as: Caller, path: string, body: Record<string, unknown>) {
    const res = await stack.call('POST', path, {
      as,
      body: { campaignId: campaign.id, ...body },
    });
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; version: number };
  }

  async function fetchFile(path: string, as: Caller = 'cityAdmin') {
    const token =
      typeof as === 'object' && as !== null ? as.token : stack.tokens[as as 'cityAdmin'];
    const res = await fetch(`${stack.api.url}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      disposition: res.headers.get('content-disposition'),
      bytes: new Uint8Array(await res.arrayBuffer()),
    };
  }

  async function workbook(bytes: Uint8Array) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof wb.xlsx.load>[0]);
    return wb;
  }

  beforeAll(async () => {
    stack = await startTestStack({ database, worker: false });
    campaign = await createCampaign(stack, 2027);
    pudong = await unitId(stack, 'pudong');
    huangpu = await unitId(stack, 'huangpu');
    city = await unitId(stack, 'city');
    huangpuOfficer = await createUser(stack, { role: 'unit_officer', unitCode: 'huangpu' });
    const p1 = await createEnterprise(stack, 'unitOfficer');
    const p2 = await createEnterprise(stack, 'unitOfficer');
    const h1 = await createEnterprise(stack, huangpuOfficer);
    const gas = campaign.categoryId('gas_appliances');
    const wires = campaign.categoryId('wires_cables');

    // --- 浦东新区 (demo officer) ---
    const risk = (kind: string, categoryId: string, reportedAt: string, extra = {}) => ({
      kind,
      categoryId,
      reportedAt,
      title: '风险报告',
      ...extra,
    });
    // R1 June information; R2 June monitoring at 23:59 on 30 June; R3 July information (00:30 1 July).
    await post('unitOfficer', '/api/risk-reports', risk('information', gas, '2027-06-10'));
    await post(
      'unitOfficer',
      '/api/risk-reports',
      risk('monitoring', gas, '2027-06-30T23:59:00+08:00', {
        batchesMonitored: 4,
        problemsFound: 1,
      }),
    );
    await post(
      'unitOfficer',
      '/api/risk-reports',
      risk('information', gas, '2027-07-01T00:30:00+08:00'),
    );
    const spot = (
      enterpriseId: string,
      categoryId: string,
      checkedAt: string,
      batches: number,
      unqualifiedBatches: number,
      level = 'district',
    ) => ({
      level,
      enterpriseId,
      categoryId,
      product: '抽查产品',
      checkedAt,
      batches,
      unqualifiedBatches,
      failedItems: unqualifiedBatches > 0 ? ['标志标识'] : [],
    });
    // S1 P1 gas (3 batches, 1 unqualified); S2 P1 wires (2) — the same enterprise, two categories;
    // S3 P2 gas (1) at 23:59 on 30 June; S4 P2 wires (5, 2 unqualified) at 00:30 on 1 July.
    await post('unitOfficer', '/api/spot-checks', spot(p1.id, gas, '2027-06-15', 3, 1));
    await post('unitOfficer', '/api/spot-checks', spot(p1.id, wires, '2027-06-20', 2, 0));
    await post(
      'unitOfficer',
      '/api/spot-checks',
      spot(p2.id, gas, '2027-06-30T23:59:00+08:00', 1, 0),
    );
    await post(
      'unitOfficer',
      '/api/spot-checks',
      spot(p2.id, wires, '2027-07-01T00:30:00+08:00', 5, 2),
    );
    // C1 gas: filed 5 June, penalty 25 June 0.10, value 0.20, exposed 00:30 1 July, typical (28 June).
    c1 = await post('unitOfficer', '/api/cases', {
      categoryId: gas,
      enterpriseId: p1.id,
      title: '浦东燃气灶案',
      filedAt: '2027-06-05',
      penaltyDecidedAt: '2027-06-25',
      fines: '0.10',
      caseValue: '0.20',
      exposedAt: '2027-07-01T00:30:00+08:00',
      creditPublicity: true,
      isTypical: true,
      typicalContent: '某公司生产的燃气灶熄火保护装置不合格，立案查处',
      typicalProgress: '已作出行政处罚决定',
      typicalReportedAt: '2027-06-28',
    });
    // C2 gas: filed 12 June, value 1.05, transferred 23:59 30 June, penalty 0.20 at 00:30 1 July.
    await post('unitOfficer', '/api/cases', {
      categoryId: gas,
      enterpriseId: p2.id,
      title: '浦东燃气软管案',
      filedAt: '2027-06-12',
      penaltyDecidedAt: '2027-07-01T00:30:00+08:00',
      fines: '0.20',
      caseValue: '1.05',
      transferredAt: '2027-06-30T23:59:00+08:00',
    });
    // C3 wires: filed 2 July, penalty 3 July 0.10, value 3.30, exposed 10 July; typical, not
    // reported separately (the ledger dates it by its filing).
    await post('unitOfficer', '/api/cases', {
      categoryId: wires,
      enterpriseId: p2.id,
      title: '浦东电线电缆案',
      filedAt: '2027-07-02',
      penaltyDecidedAt: '2027-07-03',
      fines: '0.10',
      caseValue: '3.30',
      exposedAt: '2027-07-10',
      isTypical: true,
      typicalContent: '=某公司电线电缆导体电阻不合格, "以次充好"',
      typicalProgress: '调查中',
    });
    // A1 P1 gas (2 problems, 10.10); A2 P1 wires (1 problem, 0.20).
    await post('unitOfficer', '/api/assistance', {
      categoryId: gas,
      enterpriseId: p1.id,
      kind: 'training',
      assistedAt: '2027-06-18',
      problemsSolved: 2,
      outputValueRaised: '10.10',
    });
    await post('unitOfficer', '/api/assistance', {
      categoryId: wires,
      enterpriseId: p1.id,
      kind: 'diagnosis',
      assistedAt: '2027-06-19',
      problemsSolved: 1,
      outputValueRaised: '0.20',
    });
    // I1 P2 gas at 23:59 30 June; I2 P1 wires 15 July.
    await post('unitOfficer', '/api/interviews', {
      categoryId: gas,
      enterpriseId: p2.id,
      interviewedAt: '2027-06-30T23:59:00+08:00',
      reason: '抽查不合格',
    });
    await post('unitOfficer', '/api/interviews', {
      categoryId: wires,
      enterpriseId: p1.id,
      interviewedAt: '2027-07-15',
      reason: '抽查不合格',
    });

    // --- 黄浦 (another officer) ---
    // HS1 H1 gas 10 June (10 batches, 3 unqualified); HC1 filed 20 June, penalty 21 June 5.00,
    // value 8.00, typical reported 22 June; HA1 H1 gas at 00:30 1 July (4 problems, 0.30).
    await post(huangpuOfficer, '/api/spot-checks', spot(h1.id, gas, '2027-06-10', 10, 3));
    await post(huangpuOfficer, '/api/cases', {
      categoryId: gas,
      enterpriseId: h1.id,
      title: '黄浦燃气热水器案',
      filedAt: '2027-06-20',
      penaltyDecidedAt: '2027-06-21',
      fines: '5.00',
      caseValue: '8.00',
      isTypical: true,
      typicalContent: '黄浦区某商场销售不合格燃气热水器',
      typicalProgress: '已结案',
      typicalReportedAt: '2027-06-22',
    });
    await post(huangpuOfficer, '/api/assistance', {
      categoryId: gas,
      enterpriseId: h1.id,
      kind: 'joint',
      assistedAt: '2027-07-01T00:30:00+08:00',
      problemsSolved: 4,
      outputValueRaised: '0.30',
    });

    // --- the city division (city admin, no unitId) ---
    // CS1 a city-level check of 浦东's P1 (gas, 2 batches) 25 June; CR1 monitoring wires at the
    // first instant of June (6 batches, 2 problems); CR2 information one second before June.
    await post('cityAdmin', '/api/spot-checks', spot(p1.id, gas, '2027-06-25', 2, 0, 'city'));
    await post(
      'cityAdmin',
      '/api/risk-reports',
      risk('monitoring', wires, '2027-06-01T00:00:00+08:00', {
        batchesMonitored: 6,
        problemsFound: 2,
      }),
    );
    await post(
      'cityAdmin',
      '/api/risk-reports',
      risk('information', wires, '2027-05-31T23:59:59+08:00'),
    );
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const statistics = (query: string, as: Caller = 'cityAdmin') =>
    stack.call('GET', `/api/campaigns/${campaign.id}/statistics?${query}`, { as });

  // June, 浦东新区. 燃气用品: R1 → 1 risk item; R2 → 4 batches, 1 problem; S1 + S3 → 2 enterprises
  // (P1, P2), 3 + 1 = 4 batches, 1 unqualified; C1 + C2 filed → 2 cases, value 0.20 + 1.05 = 1.25;
  // fines only C1's 0.10 (C2's penalty is July's); C2 transferred 23:59 30 June → 1; C1 exposed
  // 00:30 1 July → not June's; A1 → 1 enterprise, 2 problems, 10.10; I1 → 1 enterprise.
  const PUDONG_JUNE_GAS = figures([1, 4, 1, 2, 4, 1, 2, '0.10', '1.25', 1, 0, 1, 2, '10.10', 1]);
  // 电线电缆: S2 → P1, 2 batches; A2 → P1, 1 problem, 0.20.
  const PUDONG_JUNE_WIRES = figures([0, 0, 0, 1, 2, 0, 0, '0.00', '0.00', 0, 0, 1, 1, '0.20', 0]);
  // Total: enterprises checked {P1, P2} = 2 (not 2 + 1); assisted {P1} = 1 (not 1 + 1);
  // 6 batches; problems 3; output 10.10 + 0.20 = 10.30.
  const PUDONG_JUNE_TOTAL = figures([1, 4, 1, 2, 6, 1, 2, '0.10', '1.25', 1, 0, 1, 3, '10.30', 1]);

  it('computes a unit’s monthly table by hand-checked figures, in the campaign’s category order', async () => {
    const { status, body } = await statistics(`unit=${pudong}&period=2027-06`, 'unitOfficer');
    expect(status).toBe(200);
    expect(body.campaign).toMatchObject({ id: campaign.id, year: 2027 });
    expect(body.unit).toMatchObject({ id: pudong, name: '浦东新区市场监督管理局' });
    expect(body.period).toEqual({ from: '2027-06-01', to: '2027-06-30', label: '2027年6月' });
    expect(body.figures).toHaveLength(15);
    expect(body.figures[7]).toMatchObject({
      key: 'fines',
      heading: '罚没金额（万元）',
      kind: 'money',
    });
    expect(body.rows).toHaveLength(20);
    expect(body.rows[0].name).toBe('危险化学品');
    expect(body.rows.map((r: { code: string }) => r.code)).toContain('children_student_products');
    expect(row(body, 'gas_appliances')).toEqual(PUDONG_JUNE_GAS);
    expect(row(body, 'wires_cables')).toEqual(PUDONG_JUNE_WIRES);
    expect(row(body, 'cement')).toEqual(ZERO);
    expect(body.total.values).toEqual(PUDONG_JUNE_TOTAL);
    expect(body.byUnit).toBeUndefined();
  });

  it('counts 00:30 on 1 July (China time) in July, not June, and 0.10 + 0.20 exactly', async () => {
    const { body } = await statistics(`unit=${pudong}&period=2027-07`);
    // 燃气用品 in July: R3 → 1 risk item; C2's penalty → fines 0.20; C1's exposure → 1.
    expect(row(body, 'gas_appliances')).toEqual(
      figures([1, 0, 0, 0, 0, 0, 0, '0.20', '0.00', 0, 1, 0, 0, '0.00', 0]),
    );
    // 电线电缆 in July: S4 → P2, 5 batches, 2 unqualified; C3 filed, fines 0.10, value 3.30,
    // exposed; I2 → P1 interviewed.
    expect(row(body, 'wires_cables')).toEqual(
      figures([0, 0, 0, 1, 5, 2, 1, '0.10', '3.30', 0, 1, 0, 0, '0.00', 1]),
    );
    // Total fines 0.20 + 0.10 = 0.30 exactly; exposures C1 + C3 = 2.
    expect(body.total.values).toEqual(
      figures([1, 0, 0, 1, 5, 2, 1, '0.30', '3.30', 0, 2, 0, 0, '0.00', 1]),
    );
  });

  it('takes from/to dates, both ends included', async () => {
    const { status, body } = await statistics(`unit=${pudong}&from=2027-06-30&to=2027-07-01`);
    expect(status).toBe(200);
    expect(body.period).toEqual({
      from: '2027-06-30',
      to: '2027-07-01',
      label: '2027-06-30至2027-07-01',
    });
    // R2 (4 batches, 1 problem) and R3 (1 item); S3 gas + S4 wires both P2 → total 1 enterprise;
    // 1 + 5 batches, 2 unqualified; C2's penalty 0.20 and transfer; C1's exposure; I1.
    expect(body.total.values).toEqual(
      figures([1, 4, 1, 1, 6, 2, 0, '0.20', '0.00', 1, 1, 0, 0, '0.00', 1]),
    );
    expect(row(body, 'gas_appliances')).toMatchObject({ enterprisesChecked: 1, batchesChecked: 1 });
    expect(row(body, 'wires_cables')).toMatchObject({ enterprisesChecked: 1, batchesChecked: 5 });
  });

  it('defaults to the campaign start, excluding records before it', async () => {
    const { body } = await statistics(`to=2027-07-31`);
    expect(body.period.from).toBe('2027-06-01');
    // CR2 (31 May 23:59:59) is outside; R1 and R3 are the only information items.
    expect(body.total.values.riskInfoCollected).toBe(2);
    const { body: may } = await statistics(`from=2027-05-01&to=2027-05-31`);
    expect(may.total.values).toEqual({ ...ZERO, riskInfoCollected: 1 });
  });

  // City roll-up, June: 燃气用品 gets 黄浦's HS1 (H1, 10 batches, 3 unqualified) and HC1 (filed,
  // fines 5.00, value 8.00) and the city's CS1 (P1 again: not a new enterprise; 2 batches).
  // 电线电缆 gets the city's CR1 (6 batches, 2 problems). Enterprises checked {P1, P2, H1} = 3.
  it('rolls up over every unit and the city division, with each unit’s table beside it', async () => {
    const { status, body } = await statistics('period=2027-06', 'citySupervisor');
    expect(status).toBe(200);
    expect(body.unit).toEqual({ id: null, code: null, name: '全市汇总', shortName: '全市汇总' });
    expect(row(body, 'gas_appliances')).toEqual(
      figures([1, 4, 1, 3, 16, 4, 3, '5.10', '9.25', 1, 0, 1, 2, '10.10', 1]),
    );
    expect(row(body, 'wires_cables')).toEqual(
      figures([0, 6, 2, 1, 2, 0, 0, '0.00', '0.00', 0, 0, 1, 1, '0.20', 0]),
    );
    expect(body.total.values).toEqual(
      figures([1, 10, 3, 3, 18, 4, 3, '5.10', '9.25', 1, 0, 1, 3, '10.30', 1]),
    );
    expect(body.byUnit).toHaveLength(19);
    expect(body.byUnit[0].unit.id).toBe(city);
    // The city division alone: CS1 (P1, 2 batches) and CR1.
    expect(byUnit(body, city).total.values).toEqual(
      figures([0, 6, 2, 1, 2, 0, 0, '0.00', '0.00', 0, 0, 0, 0, '0.00', 0]),
    );
    expect(byUnit(body, huangpu).total.values).toEqual(
      figures([0, 0, 0, 1, 10, 3, 1, '5.00', '8.00', 0, 0, 0, 0, '0.00', 0]),
    );
    expect(byUnit(body, pudong).total.values).toEqual(PUDONG_JUNE_TOTAL);
    const xuhui = await unitId(stack, 'xuhui');
    expect(byUnit(body, xuhui).total.values).toEqual(ZERO);

    // July: 黄浦's HA1 at 00:30 1 July is July's.
    const { body: july } = await statistics('period=2027-07');
    expect(july.total.values).toEqual(
      figures([1, 0, 0, 1, 5, 2, 1, '0.30', '3.30', 0, 2, 1, 4, '0.30', 1]),
    );
  });

  it('scopes tables: an officer sees only their unit, enterprises none', async () => {
    // Without a unit an officer gets their own unit's table.
    const own = await statistics('period=2027-06', huangpuOfficer);
    expect(own.status).toBe(200);
    expect(own.body.unit.id).toBe(huangpu);
    expect(own.body.total.values.batchesChecked).toBe(10);
    expect(own.body.byUnit).toBeUndefined();
    const other = await statistics(`unit=${pudong}&period=2027-06`, huangpuOfficer);
    expect(other.status).toBe(404);
    const ledger = await stack.call(
      'GET',
      `/api/campaigns/${campaign.id}/case-ledger?unit=${pudong}`,
      { as: huangpuOfficer },
    );
    expect(ledger.status).toBe(404);
    const file = await fetchFile(
      `/api/campaigns/${campaign.id}/statistics?unit=${pudong}&format=xlsx`,
      huangpuOfficer,
    );
    expect(file.status).toBe(404);
    expect((await statistics('period=2027-06', 'enterpriseUser')).status).toBe(403);
    expect(
      (
        await stack.call('GET', `/api/campaigns/${campaign.id}/case-ledger`, {
          as: 'enterpriseUser',
        })
      ).status,
    ).toBe(403);
    expect((await statistics('period=2027-06', null)).status).toBe(401);
    expect((await stack.call('GET', '/api/campaigns/nope/statistics')).status).toBe(404);
    expect((await statistics('unit=nope')).status).toBe(404);
  });

  it('rejects bad queries naming the parameter', async () => {
    for (const [query, path] of [
      ['period=2027-13', 'period'],
      ['period=June', 'period'],
      ['period=2027-06&from=2027-06-01', 'period'],
      ['from=2027-07-02&to=2027-07-01', 'to'],
      ['from=2027-7-1', 'from'],
      ['format=pdf', 'format'],
    ] as const) {
      const { status, body } = await statistics(query);
      expect(status, query).toBe(400);
      expect(paths(body), query).toEqual([path]);
    }
    expect((await statistics('colour=red')).status).toBe(400);
    // Only `to` before the campaign start: the period would run backwards.
    const early = await statistics('to=2027-05-01');
    expect(early.status).toBe(400);
    expect(paths(early.body)).toEqual(['to']);
  });

  it('exports the table as XLSX laid out like the form, read back cell by cell', async () => {
    const file = await fetchFile(
      `/api/campaigns/${campaign.id}/statistics?unit=${pudong}&period=2027-06&format=xlsx`,
      'unitOfficer',
    );
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(file.disposition).toContain(
      `filename*=UTF-8''${encodeURIComponent('统计表_浦东新区市场监督管理局_2027-06-01至2027-06-30.xlsx')}`,
    );
    const wb = await workbook(file.bytes);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['浦东新区']);
    const sheet = wb.worksheets[0]!;
    const cell = (ref: string) => sheet.getCell(ref).value;
    expect(cell('A1')).toBe('重点工业产品质量安全隐患排查治理情况统计表');
    expect(cell('A2')).toBe('填表单位：浦东新区市场监督管理局');
    expect(cell('I2')).toBe('数据周期：2027-06-01至2027-06-30');
    expect(cell('A3')).toBe('产品类别');
    expect(['B3', 'E3', 'H3', 'L3', 'M3', 'P3'].map(cell)).toEqual([
      '风险监测',
      '监督抽查',
      '案件查办',
      '曝光',
      '质量技术帮扶',
      '约谈',
    ]);
    expect('BCDEFGHIJKLMNOP'.split('').map((c) => cell(`${c}4`))).toEqual([
      '采集风险信息（条）',
      '开展风险监测产品（批次）',
      '发现质量问题（个）',
      '抽查企业（家）',
      '抽查批次数（批次）',
      '发现不合格产品（批次）',
      '立案（起）',
      '罚没金额（万元）',
      '案值（万元）',
      '移送司法机关案件（起）',
      '违法案件（起）',
      '帮扶企业（家）',
      '解决质量问题（个）',
      '帮助企业提升产值（万元）',
      '约谈企业（家）',
    ]);
    const merges = (sheet.model as unknown as { merges: string[] }).merges;
    expect([...merges].sort()).toEqual(
      ['A1:P1', 'A2:H2', 'I2:P2', 'A3:A4', 'B3:D3', 'E3:G3', 'H3:K3', 'M3:O3'].sort(),
    );
    // 20 categories from row 5, then 合计 in row 25.
    expect(sheet.rowCount).toBe(25);
    expect(cell('A5')).toBe('危险化学品');
    const rowOf = (name: string) => {
      for (let r = 5; r <= sheet.rowCount; r += 1) if (cell(`A${r}`) === name) return r;
      throw new Error(`no row ${name}`);
    };
    const values = (r: number) => 'BCDEFGHIJKLMNOP'.split('').map((c) => cell(`${c}${r}`));
    expect(values(rowOf('燃气用品'))).toEqual([
      1, 4, 1, 2, 4, 1, 2, 0.1, 1.25, 1, 0, 1, 2, 10.1, 1,
    ]);
    expect(rowOf('合计')).toBe(25);
    expect(values(25)).toEqual([1, 4, 1, 2, 6, 1, 2, 0.1, 1.25, 1, 0, 1, 3, 10.3, 1]);
    expect(['I25', 'J25', 'O25'].map((r) => sheet.getCell(r).numFmt)).toEqual([
      '0.00',
      '0.00',
      '0.00',
    ]);
    expect(sheet.getCell('B25').numFmt).not.toBe('0.00');
  });

  it('exports the roll-up as XLSX with one sheet per unit', async () => {
    const file = await fetchFile(
      `/api/campaigns/${campaign.id}/statistics?period=2027-06&format=xlsx`,
    );
    expect(file.status).toBe(200);
    const wb = await workbook(file.bytes);
    expect(wb.worksheets).toHaveLength(20);
    expect(wb.worksheets.slice(0, 3).map((s) => s.name)).toEqual([
      '全市汇总',
      '市局质量处',
      '黄浦',
    ]);
    const all = wb.getWorksheet('全市汇总')!;
    expect(all.getCell('A2').value).toBe('填表单位：全市汇总');
    expect(all.getCell('E25').value).toBe(3); // enterprises checked, distinct across units
    expect(all.getCell('I25').value).toBe(5.1);
    const hp = wb.getWorksheet('黄浦')!;
    expect(hp.getCell('A2').value).toBe('填表单位：黄浦区市场监督管理局');
    expect(hp.getCell('F25').value).toBe(10);
    expect(hp.getCell('I25').value).toBe(5);
    expect((hp.model as unknown as { merges: string[] }).merges).toContain('B3:D3');
  });

  it('exports the table as CSV with a BOM, parsed back', async () => {
    const file = await fetchFile(
      `/api/campaigns/${campaign.id}/statistics?unit=${pudong}&period=2027-06&format=csv`,
    );
    expect(file.status).toBe(200);
    expect(file.type).toBe('text/csv; charset=utf-8');
    expect(file.disposition).toContain(
      encodeURIComponent('统计表_浦东新区市场监督管理局_2027-06-01至2027-06-30.csv'),
    );
    expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines: string[][] = parse(new TextDecoder().decode(file.bytes), { bom: true });
    expect(lines).toHaveLength(22);
    expect(lines[0]!.slice(0, 3)).toEqual([
      '产品类别',
      '风险监测/采集风险信息（条）',
      '风险监测/开展风险监测产品（批次）',
    ]);
    expect(lines[0]![8]).toBe('案件查办/罚没金额（万元）');
    expect(lines.find((l) => l[0] === '燃气用品')).toEqual(
      ['燃气用品', 1, 4, 1, 2, 4, 1, 2, '0.10', '1.25', 1, 0, 1, 2, '10.10', 1].map(String),
    );
    expect(lines[21]).toEqual(
      ['合计', 1, 4, 1, 2, 6, 1, 2, '0.10', '1.25', 1, 0, 1, 3, '10.30', 1].map(String),
    );

    const rollUp = await fetchFile(
      `/api/campaigns/${campaign.id}/statistics?period=2027-06&format=csv`,
    );
    const all: string[][] = parse(new TextDecoder().decode(rollUp.bytes), { bom: true });
    // A header, then 21 lines (20 categories + 合计) for the city and for each of 19 units.
    expect(all).toHaveLength(1 + 20 * 21);
    expect(all[0]!.slice(0, 2)).toEqual(['单位', '产品类别']);
    expect(all[21]!.slice(0, 2)).toEqual(['全市汇总', '合计']);
    expect(all[21]![5]).toBe('3');
    const hpTotal = all.find((l) => l[0] === '黄浦区市场监督管理局' && l[1] === '合计')!;
    expect(hpTotal.slice(2)).toEqual(
      [0, 0, 0, 1, 10, 3, 1, '5.00', '8.00', 0, 0, 0, 0, '0.00', 0].map(String),
    );
  });

  it('lists the typical case ledger by reporting date, as JSON, XLSX and CSV', async () => {
    const ledger = (query: string, as: Caller = 'cityAdmin') =>
      stack.call('GET', `/api/campaigns/${campaign.id}/case-ledger?${query}`, { as });
    const june = await ledger('period=2027-06', 'unitOfficer');
    expect(june.status).toBe(200);
    expect(june.body.unit.id).toBe(pudong);
    expect(june.body.items).toHaveLength(1);
    expect(june.body.items[0]).toMatchObject({
      id: c1.id,
      title: '浦东燃气灶案',
      reportedAt: '2027-06-28T00:00:00+08:00',
      filedAt: '2027-06-05T00:00:00+08:00',
      content: '某公司生产的燃气灶熄火保护装置不合格，立案查处',
      progress: '已作出行政处罚决定',
      exposed: true,
      creditPublicity: true,
    });
    // C3 was not reported separately: dated by its filing on 2 July.
    const july = await ledger(`unit=${pudong}&period=2027-07`);
    expect(july.body.items.map((i: { title: string }) => i.title)).toEqual(['浦东电线电缆案']);
    expect(july.body.items[0]).toMatchObject({ exposed: true, creditPublicity: false });
    // The roll-up: 黄浦's (22 June) before 浦东's (28 June); C2 is not typical.
    const all = await ledger('period=2027-06');
    expect(all.body.unit.name).toBe('全市汇总');
    expect(all.body.items.map((i: { title: string }) => i.title)).toEqual([
      '黄浦燃气热水器案',
      '浦东燃气灶案',
    ]);

    const xlsx = await fetchFile(
      `/api/campaigns/${campaign.id}/case-ledger?period=2027-06&format=xlsx`,
    );
    expect(xlsx.status).toBe(200);
    expect(xlsx.disposition).toContain(
      encodeURIComponent('典型案例_全市汇总_2027-06-01至2027-06-30.xlsx'),
    );
    const sheet = (await workbook(xlsx.bytes)).worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('重点工业产品质量安全隐患排查治理典型案例');
    expect(sheet.getCell('A2').value).toBe('填表单位：全市汇总');
    expect(sheet.getRow(3).values).toEqual([
      undefined,
      '序号',
      '单位',
      '报送时间',
      '立案时间',
      '案例内容',
      '典型案例办理进度',
      '是否依法曝光',
      '是否纳入国家企业信用信息公示系统',
    ]);
    expect(sheet.getRow(4).values).toEqual([
      undefined,
      1,
      '黄浦区市场监督管理局',
      '2027-06-22',
      '2027-06-20',
      '黄浦区某商场销售不合格燃气热水器',
      '已结案',
      '否',
      '否',
    ]);
    expect(sheet.getRow(5).getCell(7).value).toBe('是');
    expect([...(sheet.model as unknown as { merges: string[] }).merges].sort()).toEqual(
      ['A1:H1', 'A2:D2', 'E2:H2'].sort(),
    );

    const csv = await fetchFile(
      `/api/campaigns/${campaign.id}/case-ledger?unit=${pudong}&period=2027-07&format=csv`,
    );
    const lines: string[][] = parse(new TextDecoder().decode(csv.bytes), { bom: true });
    expect(lines).toEqual([
      [
        '序号',
        '报送时间',
        '立案时间',
        '案例内容',
        '典型案例办理进度',
        '是否依法曝光',
        '是否纳入国家企业信用信息公示系统',
      ],
      // A leading = is neutralised so spreadsheets do not run it as a formula.
      [
        '1',
        '2027-07-02',
        '2027-07-02',
        '\'=某公司电线电缆导体电阻不合格, "以次充好"',
        '调查中',
        '是',
        '否',
      ],
    ]);
  });

  it('freezes the table in the June submission; later edits change only the live table', async () => {
    const duties = await stack.call(
      'GET',
      `/api/duties?campaign=${campaign.id}&kind=monthly_statistics&pageSize=50`,
      { as: 'unitOfficer' },
    );
    const duty = duties.body.items.find((d: { period: string }) => d.period === '2027-06');
    expect(duty.unitId).toBe(pudong);

    const submitted = await stack.call('POST', `/api/duties/${duty.id}/submissions`, {
      as: 'unitOfficer',
      body: {},
    });
    expect(submitted.status).toBe(201);
    const snapshot = submitted.body.submissions[0].statistics;
    expect(snapshot.unit.id).toBe(pudong);
    expect(snapshot.period).toEqual({ from: '2027-06-01', to: '2027-06-30', label: '2027年6月' });
    expect(snapshot.total.values).toEqual(PUDONG_JUNE_TOTAL);
    const audit = await stack.api.db.prisma.auditLog.findMany({
      where: { entity: 'unit_duty', entityId: duty.id },
    });
    expect(audit.map((a) => a.action)).toEqual(['submit']);
    expect((audit[0]!.after as any).submission.statistics.total.values.caseValue).toBe('1.25');

    // Correct C1's case value: the live June table changes (0.50 + 1.05 = 1.55)…
    const patched = await stack.call('PATCH', `/api/cases/${c1.id}`, {
      as: 'unitOfficer',
      body: { version: c1.version, caseValue: '0.50' },
    });
    expect(patched.status).toBe(200);
    const live = await statistics(`unit=${pudong}&period=2027-06`);
    expect(live.body.total.values.caseValue).toBe('1.55');
    // …the submitted one does not.
    const frozen = await stack.call('GET', `/api/duties/${duty.id}/statistics`, {
      as: 'unitOfficer',
    });
    expect(frozen.status).toBe(200);
    expect(frozen.body.submission.version).toBe(1);
    expect(frozen.body.total.values).toEqual(PUDONG_JUNE_TOTAL);
    const detail = await stack.call('GET', `/api/duties/${duty.id}`, { as: 'cityAdmin' });
    expect(detail.body.submissions[0].statistics.total.values.caseValue).toBe('1.25');

    // A resubmission needs a reason; without one nothing is stored.
    const noReason = await stack.call('POST', `/api/duties/${duty.id}/submissions`, {
      as: 'unitOfficer',
      body: {},
    });
    expect(noReason.status).toBe(400);
    expect(paths(noReason.body)).toEqual(['reason']);
    expect(await stack.api.db.prisma.dutySubmission.count({ where: { dutyId: duty.id } })).toBe(1);

    const again = await stack.call('POST', `/api/duties/${duty.id}/submissions`, {
      as: 'unitOfficer',
      body: { reason: '更正案值' },
    });
    expect(again.status).toBe(201);
    expect(again.body.submissions.map((s: any) => s.statistics.total.values.caseValue)).toEqual([
      '1.25',
      '1.55',
    ]);
    const latest = await stack.call('GET', `/api/duties/${duty.id}/statistics`, {
      as: 'cityAdmin',
    });
    expect(latest.body.submission.version).toBe(2);
    expect(latest.body.total.values.caseValue).toBe('1.55');
    const first = await stack.call('GET', `/api/duties/${duty.id}/statistics?version=1`);
    expect(first.body.total.values.caseValue).toBe('1.25');
    expect((await stack.call('GET', `/api/duties/${duty.id}/statistics?version=3`)).status).toBe(
      404,
    );
    const bad = await stack.call('GET', `/api/duties/${duty.id}/statistics?version=zero`);
    expect(bad.status).toBe(400);
    expect(paths(bad.body)).toEqual(['version']);

    // The frozen table downloads like the live one.
    const xlsx = await fetchFile(`/api/duties/${duty.id}/statistics?version=1&format=xlsx`);
    expect(xlsx.status).toBe(200);
    const sheet = (await workbook(xlsx.bytes)).worksheets[0]!;
    expect(sheet.getCell('A2').value).toBe('填表单位：浦东新区市场监督管理局');
    expect(sheet.getCell('J25').value).toBe(1.25);

    // Scoping: another unit's officer does not find it; enterprises may not read tables.
    const other = await stack.call('GET', `/api/duties/${duty.id}/statistics`, {
      as: huangpuOfficer,
    });
    expect(other.status).toBe(404);
    const enterprise = await stack.call('GET', `/api/duties/${duty.id}/statistics`, {
      as: 'enterpriseUser',
    });
    expect(enterprise.status).toBe(403);
    // A duty not yet submitted has no frozen table.
    const july = duties.body.items.find((d: { period: string }) => d.period === '2027-07');
    expect((await stack.call('GET', `/api/duties/${july.id}/statistics`)).status).toBe(404);
  });

  it('describes its endpoints in /openapi.json', async () => {
    const { body } = await stack.call('GET', '/openapi.json', { as: null });
    for (const path of [
      '/api/campaigns/{id}/statistics',
      '/api/campaigns/{id}/case-ledger',
      '/api/duties/{id}/statistics',
    ]) {
      expect(Object.keys(body.paths[path])).toEqual(['get']);
    }
    const ok = body.paths['/api/campaigns/{id}/statistics'].get.responses['200'].content;
    expect(Object.keys(ok).sort()).toEqual([
      'application/json',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'text/csv',
    ]);
    expect(body.components.schemas.StatisticsTable.properties.byUnit).toBeDefined();
    expect(body.components.schemas.CaseLedger).toBeDefined();
  });
});
