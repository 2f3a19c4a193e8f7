import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../support/databases.js';
import { createCampaign, createEnterprise, createUser, unitId } from '../support/fixtures.js';
import { startTestStack, type Caller, type TestStack } from '../support/stack.js';

const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);

const LICENCE_HOLDER_CODES = [
  'raw_materials',
  'process',
  'factory_inspection',
  'premises_equipment',
  'licence_scope',
];

describe.each(DATABASE_KINDS)('on-site inspections on %s', (database) => {
  let stack: TestStack;
  let pudong: string;
  let huangpu: string;
  let campaign: Awaited<ReturnType<typeof createCampaign>>;
  let otherCampaign: Awaited<ReturnType<typeof createCampaign>>;
  let huangpuOfficer: { id: string; token: string };
  let licensed: { id: string; name: string };
  let seller: { id: string };
  let huangpuEnterprise: { id: string };
  let enterpriseUser: { id: string; token: string };

  beforeAll(async () => {
    stack = await startTestStack({ database, worker: false });
    pudong = await unitId(stack, 'pudong');
    huangpu = await unitId(stack, 'huangpu');
    campaign = await createCampaign(stack, 2031);
    otherCampaign = await createCampaign(stack, 2032);
    huangpuOfficer = await createUser(stack, { role: 'unit_officer', unitCode: 'huangpu' });
    licensed = await createEnterprise(stack, 'unitOfficer');
    seller = await createEnterprise(stack, 'unitOfficer', {
      isProducer: false,
      isSeller: true,
      productionLicenceNo: null,
    });
    huangpuEnterprise = await createEnterprise(stack, huangpuOfficer);
    enterpriseUser = await createUser(stack, {
      role: 'enterprise_user',
      enterpriseId: licensed.id,
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const counts = async () => ({
    inspections: await stack.api.db.prisma.inspection.count(),
    hazards: await stack.api.db.prisma.hazard.count(),
  });

  const failedHazard = (overrides: Record<string, unknown> = {}) => ({
    problemType: 'no_factory_inspection',
    severity: 'general',
    measure: '完善出厂检验记录',
    responsiblePerson: '赵六',
    deadline: '2031-08-31',
    ...overrides,
  });

  const allPassed = (codes: string[]) => codes.map((code) => ({ code, passed: true }));

  const inspectionInput = (overrides: Record<string, unknown> = {}) => ({
    campaignId: campaign.id,
    enterpriseId: licensed.id,
    categoryId: campaign.categoryId('gas_appliances'),
    inspectedAt: '2031-07-15T10:00:00+08:00',
    inspectors: ['李检查', '周检查'],
    items: allPassed(LICENCE_HOLDER_CODES),
    ...overrides,
  });

  async function createInspection(as: Caller, overrides: Record<string, unknown> = {}) {
    const { status, body } = await stack.call('POST', '/api/inspections', {
      as,
      body: inspectionInput(overrides),
    });
    if (status !== 201) {
      throw new Error(`creating an inspection failed: ${status} ${JSON.stringify(body)}`);
    }
    return body as { id: string; unitId: string; inspectedAt: string };
  }

  it('serves the checklists with Chinese labels to any signed-in user', async () => {
    const { status, body } = await stack.call('GET', '/api/inspections/checklists', {
      as: enterpriseUser,
    });
    expect(status).toBe(200);
    expect(body.items.map((c: { type: string }) => c.type)).toEqual([
      'licence_holder',
      'ccc_producer',
      'other_producer',
      'seller',
    ]);
    expect(body.items[0]).toMatchObject({ name: '生产许可证获证企业' });
    expect(body.items[0].items.map((i: { code: string }) => i.code)).toEqual(LICENCE_HOLDER_CODES);
    expect(body.items[3].items[1]).toEqual({ code: 'sales_ledger', label: '销售台账制度' });
    expect((await stack.call('GET', '/api/inspections/checklists', { as: null })).status).toBe(401);
  });

  it('records an inspection whose failed items become hazards on the problem list', async () => {
    const before = await counts();
    const { status, body } = await stack.call('POST', '/api/inspections', {
      as: 'unitOfficer',
      body: inspectionInput({
        note: '突击检查',
        items: [
          { code: 'licence_scope', passed: true },
          { code: 'raw_materials', passed: true, note: '进货台账齐全' },
          {
            code: 'factory_inspection',
            passed: false,
            note: '缺少熄火保护项目',
            hazard: failedHazard(),
          },
          { code: 'process', passed: true },
          {
            code: 'premises_equipment',
            passed: false,
            hazard: failedHazard({
              problemType: 'cutting_corners',
              severity: 'major',
              description: '检测设备未按期检定',
              categoryId: campaign.categoryId('ebike_chargers_batteries'),
              product: '电动自行车充电器',
              deadline: '2031-08-15T18:00:00+08:00',
            }),
          },
        ],
      }),
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      unitId: pudong,
      enterpriseId: licensed.id,
      enterpriseName: licensed.name,
      categoryName: '燃气用品',
      inspectedAt: '2031-07-15T10:00:00+08:00',
      inspectors: ['李检查', '周检查'],
      checklist: 'licence_holder',
      checklistName: '生产许可证获证企业',
      note: '突击检查',
    });
    expect(body.items).toEqual([
      {
        code: 'raw_materials',
        label: '关键原材料进货把关',
        passed: true,
        note: '进货台账齐全',
        order: 1,
      },
      { code: 'process', label: '生产工艺与过程控制', passed: true, note: null, order: 2 },
      {
        code: 'factory_inspection',
        label: '出厂检验及记录',
        passed: false,
        note: '缺少熄火保护项目',
        order: 3,
      },
      { code: 'premises_equipment', label: '生产场所与设备', passed: false, note: null, order: 4 },
      { code: 'licence_scope', label: '在许可范围内生产', passed: true, note: null, order: 5 },
    ]);
    expect(body.hazards).toHaveLength(2);
    const byCategory = (code: string) =>
      body.hazards.find((h: { categoryCode: string }) => h.categoryCode === code);
    const factory = byCategory('gas_appliances');
    const premises = byCategory('ebike_chargers_batteries');
    expect(factory).toMatchObject({
      source: 'inspection',
      sourceName: '现场检查',
      status: 'open',
      inspectionId: body.id,
      unitId: pudong,
      enterpriseId: licensed.id,
      categoryCode: 'gas_appliances',
      problemType: 'no_factory_inspection',
      description: '现场检查“出厂检验及记录”不合格：缺少熄火保护项目',
      foundAt: '2031-07-15T10:00:00+08:00',
      deadline: '2031-08-31T00:00:00+08:00',
    });
    expect(premises).toMatchObject({
      categoryCode: 'ebike_chargers_batteries',
      problemTypeName: '偷工减料',
      severityName: '较大',
      description: '检测设备未按期检定',
      product: '电动自行车充电器',
      deadline: '2031-08-15T18:00:00+08:00',
    });

    expect(await counts()).toEqual({
      inspections: before.inspections + 1,
      hazards: before.hazards + 2,
    });
    const stored = await stack.api.db.prisma.inspection.findUniqueOrThrow({
      where: { id: body.id },
      include: { items: true, hazards: true },
    });
    expect(stored.inspectedAt.toISOString()).toBe('2031-07-15T02:00:00.000Z');
    expect(
      stored.items
        .filter((i) => !i.passed)
        .map((i) => i.code)
        .sort(),
    ).toEqual(['factory_inspection', 'premises_equipment']);
    expect(stored.hazards.every((h) => h.foundAt.getTime() === stored.inspectedAt.getTime())).toBe(
      true,
    );

    const audit = await stack.api.db.prisma.auditLog.findMany({
      where: { entityId: { in: [body.id, factory.id, premises.id] } },
    });
    expect(audit.map((a) => `${a.entity}:${a.action}`).sort()).toEqual([
      'hazard:create',
      'hazard:create',
      'inspection:create',
    ]);

    const listed = await stack.call('GET', `/api/hazards?enterprise=${licensed.id}&pageSize=200`, {
      as: enterpriseUser,
    });
    expect(ids(listed.body)).toEqual(expect.arrayContaining([factory.id, premises.id]));

    const read = await stack.call('GET', `/api/inspections/${body.id}`, { as: 'unitOfficer' });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(body);
  });

  it('picks the checklist from the enterprise type unless one is chosen', async () => {
    const sellerInspection = await stack.call('POST', '/api/inspections', {
      as: 'unitOfficer',
      body: inspectionInput({
        enterpriseId: seller.id,
        items: allPassed([
          'purchase_acceptance',
          'sales_ledger',
          'known_origin',
          'no_counterfeits',
          'valid_ccc',
        ]),
      }),
    });
    expect(sellerInspection.status).toBe(201);
    expect(sellerInspection.body).toMatchObject({ checklist: 'seller', checklistName: '销售企业' });
    expect(sellerInspection.body.hazards).toEqual([]);

    const chosen = await stack.call('POST', '/api/inspections', {
      as: 'unitOfficer',
      body: inspectionInput({
        checklist: 'ccc_producer',
        categoryId: undefined,
        items: allPassed([
          'certified_shipments',
          'ccc_mark',
          'label_matches_certificate',
          'factory_inspection',
        ]),
      }),
    });
    expect(chosen.status).toBe(201);
    expect(chosen.body.checklist).toBe('ccc_producer');
    expect(chosen.body.categoryId).toBeNull();
    expect(chosen.body.items[2]).toMatchObject({ label: '产品铭牌与认证证书一致', passed: true });
  });

  it.each([
    [
      'a code not on the checklist',
      {
        items: [...allPassed(LICENCE_HOLDER_CODES), { code: 'sales_ledger', passed: true }],
      },
      [{ path: 'items.5.code', message: expect.stringContaining('不属于“生产许可证获证企业”') }],
    ],
    [
      'a missing checklist item',
      { items: allPassed(LICENCE_HOLDER_CODES.slice(0, 4)) },
      [{ path: 'items', message: expect.stringContaining('缺少检查项：在许可范围内生产') }],
    ],
    [
      'a duplicate item',
      { items: [...allPassed(LICENCE_HOLDER_CODES), { code: 'process', passed: true }] },
      [{ path: 'items.5.code', message: '检查项“process”重复' }],
    ],
    [
      'a failed item without a hazard',
      {
        items: [
          ...allPassed(LICENCE_HOLDER_CODES.slice(1)),
          { code: 'raw_materials', passed: false },
        ],
      },
      [{ path: 'items.4.hazard', message: expect.stringContaining('不合格项须登记隐患') }],
    ],
    [
      'a hazard deadline before the inspection',
      {
        items: [
          ...allPassed(LICENCE_HOLDER_CODES.slice(1)),
          {
            code: 'raw_materials',
            passed: false,
            hazard: failedHazard({ deadline: '2031-07-01' }),
          },
        ],
      },
      [{ path: 'items.4.hazard.deadline', message: '整改期限应晚于检查时间' }],
    ],
    [
      'a failed item without a product category',
      {
        categoryId: undefined,
        items: [
          ...allPassed(LICENCE_HOLDER_CODES.slice(1)),
          { code: 'raw_materials', passed: false, hazard: failedHazard() },
        ],
      },
      [{ path: 'items.4.hazard.categoryId', message: expect.stringContaining('产品类别') }],
    ],
    [
      'an unknown problem type on a failed item',
      {
        items: [
          ...allPassed(LICENCE_HOLDER_CODES.slice(1)),
          {
            code: 'raw_materials',
            passed: false,
            hazard: failedHazard({ problemType: 'mystery' }),
          },
        ],
      },
      [{ path: 'items.4.hazard.problemType', message: expect.stringContaining('问题类型应为') }],
    ],
    [
      'no inspectors',
      { inspectors: [] },
      [{ path: 'inspectors', message: '至少填写一名检查人员' }],
    ],
    [
      'an unknown checklist',
      { checklist: 'restaurant' },
      [{ path: 'checklist', message: expect.stringContaining('检查表应为') }],
    ],
    [
      'a result of the wrong type',
      { items: [{ code: 'process', passed: 'yes' }] },
      [{ path: 'items.0.passed', message: expect.stringContaining('检查结果应为') }],
    ],
    [
      'a campaign that does not exist',
      { campaignId: 'no-such-campaign' },
      [{ path: 'campaignId', message: '专项行动不存在' }],
    ],
  ])('rejects %s with the field path, writing nothing', async (_what, overrides, issues) => {
    const before = await counts();
    const { status, body } = await stack.call('POST', '/api/inspections', {
      as: 'unitOfficer',
      body: inspectionInput(overrides),
    });
    expect(status).toBe(400);
    expect(body.error.issues).toEqual(issues);
    expect(await counts()).toEqual(before);
  });

  it('rejects categories of another campaign and enterprises of another unit', async () => {
    const before = await counts();
    const otherCategory = otherCampaign.categoryId('gas_appliances');
    const wrongCategory = await stack.call('POST', '/api/inspections', {
      as: 'unitOfficer',
      body: inspectionInput({ categoryId: otherCategory, enterpriseId: huangpuEnterprise.id }),
    });
    expect(wrongCategory.status).toBe(400);
    expect(wrongCategory.body.error.issues).toEqual([
      { path: 'categoryId', message: '产品类别不属于该专项行动' },
      { path: 'enterpriseId', message: '企业不存在或不属于本单位' },
    ]);
    const wrongItemCategory = await stack.call('POST', '/api/inspections', {
      as: 'unitOfficer',
      body: inspectionInput({
        items: [
          ...allPassed(LICENCE_HOLDER_CODES.slice(1)),
          {
            code: 'raw_materials',
            passed: false,
            hazard: failedHazard({ categoryId: otherCategory }),
          },
        ],
      }),
    });
    expect(wrongItemCategory.status).toBe(400);
    expect(wrongItemCategory.body.error.issues).toEqual([
      { path: 'items.4.hazard.categoryId', message: '产品类别不属于该专项行动' },
    ]);
    const malformed = await stack.call('POST', '/api/inspections', {
      as: 'unitOfficer',
      rawBody: '{"items": [',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('MALFORMED_JSON');
    expect(await counts()).toEqual(before);
  });

  it('keeps each unit to its own inspections; enterprises may not see them', async () => {
    const theirs = await createInspection(huangpuOfficer, { enterpriseId: huangpuEnterprise.id });
    expect(theirs.unitId).toBe(huangpu);
    const ours = await createInspection('unitOfficer');

    expect(
      (await stack.call('GET', `/api/inspections/${theirs.id}`, { as: 'unitOfficer' })).status,
    ).toBe(404);
    const list = await stack.call('GET', '/api/inspections?pageSize=200', { as: 'unitOfficer' });
    expect(ids(list.body)).toContain(ours.id);
    expect(ids(list.body)).not.toContain(theirs.id);
    expect(list.body.items.every((i: { unitId: string }) => i.unitId === pudong)).toBe(true);

    const supervisorRead = await stack.call('GET', `/api/inspections/${theirs.id}`, {
      as: 'citySupervisor',
    });
    expect(supervisorRead.status).toBe(200);
    const supervisorList = await stack.call('GET', `/api/inspections?unit=${huangpu}`, {
      as: 'citySupervisor',
    });
    expect(ids(supervisorList.body)).toEqual([theirs.id]);

    const before = await counts();
    const supervisorWrite = await stack.call('POST', '/api/inspections', {
      as: 'citySupervisor',
      body: inspectionInput(),
    });
    expect(supervisorWrite.status).toBe(403);
    const otherUnit = await stack.call('POST', '/api/inspections', {
      as: 'unitOfficer',
      body: inspectionInput({ unitId: huangpu }),
    });
    expect(otherUnit.status).toBe(403);
    for (const [method, path, body] of [
      ['GET', '/api/inspections', undefined],
      ['GET', `/api/inspections/${ours.id}`, undefined],
      ['POST', '/api/inspections', inspectionInput()],
    ] as const) {
      const response = await stack.call(method, path, { as: enterpriseUser, body });
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    expect(await counts()).toEqual(before);

    const admin = await stack.call('POST', '/api/inspections', {
      as: 'cityAdmin',
      body: inspectionInput({ unitId: huangpu, enterpriseId: huangpuEnterprise.id }),
    });
    expect(admin.status).toBe(201);
    expect(admin.body.unitId).toBe(huangpu);
  });

  it('filters by enterprise, campaign, category and inspection date, and sorts', async () => {
    const target = await createEnterprise(stack, 'unitOfficer');
    const base = `/api/inspections?enterprise=${target.id}`;
    const july = await createInspection('unitOfficer', {
      enterpriseId: target.id,
      inspectedAt: '2031-07-01T00:30:00+08:00',
    });
    const june = await createInspection('unitOfficer', {
      enterpriseId: target.id,
      inspectedAt: '2031-06-30T23:30:00+08:00',
      categoryId: campaign.categoryId('ebike_chargers_batteries'),
      items: [
        ...allPassed(LICENCE_HOLDER_CODES.slice(1)),
        { code: 'raw_materials', passed: false, hazard: failedHazard() },
      ],
    });
    const later = await createInspection('unitOfficer', {
      enterpriseId: target.id,
      campaignId: otherCampaign.id,
      categoryId: otherCampaign.categoryId('gas_appliances'),
      inspectedAt: '2032-07-20',
    });
    const get = async (query: string) => {
      const response = await stack.call('GET', `${base}&${query}`, { as: 'unitOfficer' });
      expect(response.status, query).toBe(200);
      return response.body;
    };
    expect(ids(await get('sort=inspectedAt'))).toEqual([june.id, july.id, later.id]);
    expect(ids(await get('sort=-inspectedAt'))).toEqual([later.id, july.id, june.id]);
    expect(ids(await get(''))).toEqual([later.id, july.id, june.id]);
    expect(ids(await get(`campaign=${otherCampaign.id}`))).toEqual([later.id]);
    expect(ids(await get('category=ebike_chargers_batteries'))).toEqual([june.id]);
    // 00:30 on 1 July China time is July's, though it is still 30 June in UTC.
    expect(ids(await get('from=2031-07-01&to=2031-07-31'))).toEqual([july.id]);
    expect(ids(await get('to=2031-06-30'))).toEqual([june.id]);
    const summary = (await get('category=ebike_chargers_batteries')).items[0];
    expect(summary).toMatchObject({ itemCount: 5, failedCount: 1, hazardCount: 1 });
    const paged = await get('pageSize=1&page=3&sort=inspectedAt');
    expect(paged).toMatchObject({ total: 3, page: 3, pageSize: 1 });
    expect(ids(paged)).toEqual([later.id]);

    const badSort = await stack.call('GET', `${base}&sort=inspectors`, { as: 'unitOfficer' });
    expect(badSort.status).toBe(400);
    expect(badSort.body.error.issues[0].path).toBe('sort');
    const badDate = await stack.call('GET', `${base}&from=July`, { as: 'unitOfficer' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.issues[0].path).toBe('from');
  });

  it('describes the inspection endpoints in /openapi.json', async () => {
    const { body } = await stack.call('GET', '/openapi.json', { as: null });
    expect(Object.keys(body.paths['/api/inspections']).sort()).toEqual(['get', 'post']);
    expect(body.paths['/api/inspections/{id}'].get).toBeDefined();
    expect(body.paths['/api/inspections/checklists'].get).toBeDefined();
    expect(body.components.schemas.CreateInspection).toBeDefined();
    expect(body.components.schemas.Inspection.properties.hazards).toBeDefined();
  });
});
