import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractCases } from '../support/contract-cases.js';
import { DATABASE_KINDS } from '../support/databases.js';
import { createCampaign, createEnterprise, createUser } from '../support/fixtures.js';
import { ids, issuePaths, startRecordWorld, type RecordWorld } from '../support/record-world.js';
import type { Caller } from '../support/stack.js';

describe.each(DATABASE_KINDS)('risk reports on %s', (database) => {
  let stack: RecordWorld['stack'];
  let campaign: RecordWorld['campaign'];
  let pudong: string;
  let huangpu: string;
  let huangpuOfficer: RecordWorld['huangpuOfficer'];
  let ours: RecordWorld['ours'];
  let theirs: RecordWorld['theirs'];

  beforeAll(async () => {
    ({ stack, campaign, pudong, huangpu, huangpuOfficer, ours, theirs } =
      await startRecordWorld(database));
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const count = () => stack.api.db.prisma.riskReport.count();
  const monitoring = (overrides: Record<string, unknown> = {}) => ({
    campaignId: campaign.id,
    categoryId: campaign.categoryId('ebike_chargers_batteries'),
    kind: 'monitoring',
    enterpriseId: ours.id,
    reportedAt: '2027-08-18T16:20:00+08:00',
    title: '电动自行车充电器风险监测',
    description: '电商平台抽样',
    batchesMonitored: 12,
    problemsFound: 3,
    ...overrides,
  });
  const information = (overrides: Record<string, unknown> = {}) => ({
    campaignId: campaign.id,
    categoryId: campaign.categoryId('ebike_chargers_batteries'),
    kind: 'information',
    reportedAt: '2027-08-19',
    title: '消费者投诉充电器过热',
    ...overrides,
  });
  const report = async (as: Caller, body: unknown) => {
    const res = await stack.call('POST', '/api/risk-reports', { as, body });
    if (res.status !== 201) throw new Error(`risk report failed: ${JSON.stringify(res.body)}`);
    return res.body as { id: string };
  };

  it('records a monitoring of batches, reads it back and audits it', async () => {
    const { status, body } = await stack.call('POST', '/api/risk-reports', {
      as: 'unitOfficer',
      body: monitoring(),
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      campaignId: campaign.id,
      unitId: pudong,
      enterpriseId: ours.id,
      enterpriseName: ours.name,
      categoryCode: 'ebike_chargers_batteries',
      categoryName: '电动自行车充电器和电池',
      kind: 'monitoring',
      kindName: '风险监测',
      reportedAt: '2027-08-18T16:20:00+08:00',
      title: '电动自行车充电器风险监测',
      description: '电商平台抽样',
      batchesMonitored: 12,
      problemsFound: 3,
    });
    const stored = await stack.api.db.prisma.riskReport.findUniqueOrThrow({
      where: { id: body.id },
    });
    expect(stored).toMatchObject({ batchesMonitored: 12, problemsFound: 3, unitId: pudong });
    expect(stored.reportedAt.toISOString()).toBe('2027-08-18T08:20:00.000Z');

    const read = await stack.call('GET', `/api/risk-reports/${body.id}`, { as: 'unitOfficer' });
    expect(read.body).toEqual(body);
    const audit = await stack.api.db.prisma.auditLog.findMany({ where: { entityId: body.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', entity: 'risk_report', unitId: pudong });
    expect((audit[0]!.after as { batchesMonitored: number }).batchesMonitored).toBe(12);
  });

  it('records a piece of risk information with no enterprise and no counts', async () => {
    const { status, body } = await stack.call('POST', '/api/risk-reports', {
      as: 'unitOfficer',
      body: information(),
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      kind: 'information',
      kindName: '风险信息',
      enterpriseId: null,
      enterpriseName: null,
      description: null,
      reportedAt: '2027-08-19T00:00:00+08:00',
      batchesMonitored: 0,
      problemsFound: 0,
    });
  });

  contractCases({
    stack: () => stack,
    route: '/api/risk-reports',
    input: monitoring,
    count,
    badInputs: [
      ['a monitoring of no batches', { batchesMonitored: 0 }, ['batchesMonitored']],
      ['a monitoring without a batch count', { batchesMonitored: undefined }, ['batchesMonitored']],
      [
        'problems found in risk information',
        () => information({ problemsFound: 2 }),
        ['problemsFound'],
      ],
      [
        'batches counted for risk information',
        () => information({ batchesMonitored: 5 }),
        ['batchesMonitored'],
      ],
      ['a negative problem count', { problemsFound: -1 }, ['problemsFound']],
      ['an unknown kind', { kind: 'warning' }, ['kind']],
      ['wrong types', { batchesMonitored: '12', title: null }, ['batchesMonitored', 'title']],
      ['no title', () => information({ title: '' }), ['title']],
      ['an unknown field', () => information({ severity: 'high' }), ['(root)']],
    ],
    malformed: "{'kind': 'information'}",
    oversized: () => information({ description: 'x'.repeat(1_100_000) }),
    references: async () => {
      const other = await createCampaign(stack, 2028);
      return [
        [{ campaignId: 'no-such-campaign' }, 'campaignId', '专项行动不存在'],
        [{ categoryId: other.categoryId('ebikes') }, 'categoryId', '产品类别不属于该专项行动'],
        [{ enterpriseId: theirs.id }, 'enterpriseId', '企业不存在或不属于本单位'],
      ];
    },
  });

  it('keeps each unit to its own records; city roles read all; others may not write', async () => {
    const mine = await report('unitOfficer', information());
    const other = await report(huangpuOfficer, information({ title: '黄浦区采集的风险信息' }));

    const listed = await stack.call('GET', '/api/risk-reports?pageSize=200', {
      as: 'unitOfficer',
    });
    expect(ids(listed.body)).toContain(mine.id);
    expect(ids(listed.body)).not.toContain(other.id);
    expect(
      (await stack.call('GET', `/api/risk-reports/${other.id}`, { as: 'unitOfficer' })).status,
    ).toBe(404);
    const supervisor = await stack.call('GET', `/api/risk-reports?unit=${huangpu}&pageSize=200`, {
      as: 'citySupervisor',
    });
    expect(ids(supervisor.body)).toEqual([other.id]);

    const before = await count();
    expect(
      (
        await stack.call('POST', '/api/risk-reports', {
          as: 'unitOfficer',
          body: information({ unitId: huangpu }),
        })
      ).status,
    ).toBe(403);
    expect(
      (await stack.call('POST', '/api/risk-reports', { as: 'citySupervisor', body: information() }))
        .status,
    ).toBe(403);
    const enterpriseUser = await createUser(stack, {
      role: 'enterprise_user',
      enterpriseId: ours.id,
    });
    expect(
      (await stack.call('POST', '/api/risk-reports', { as: enterpriseUser, body: information() }))
        .status,
    ).toBe(403);
    expect((await stack.call('GET', '/api/risk-reports', { as: enterpriseUser })).status).toBe(403);
    expect(
      (await stack.call('GET', `/api/risk-reports/${mine.id}`, { as: enterpriseUser })).status,
    ).toBe(403);
    expect(await count()).toBe(before);

    const city = await stack.call('POST', '/api/risk-reports', {
      as: 'cityAdmin',
      body: information(),
    });
    expect(city.status).toBe(201);
    expect(city.body.unitName).toBe('上海市市场监督管理局产品质量安全监督管理处');
  });

  it('filters by report date at a month boundary in China time and kind, and sorts', async () => {
    const enterprise = await createEnterprise(stack, 'unitOfficer');
    const base = `/api/risk-reports?enterprise=${enterprise.id}`;
    const july = await report(
      'unitOfficer',
      monitoring({ enterpriseId: enterprise.id, reportedAt: '2027-07-01T00:30:00+08:00' }),
    );
    const june = await report(
      'unitOfficer',
      information({ enterpriseId: enterprise.id, reportedAt: '2027-06-30T23:30:00+08:00' }),
    );
    const fromJuly = await stack.call('GET', `${base}&from=2027-07-01`, { as: 'unitOfficer' });
    expect(ids(fromJuly.body)).toEqual([july.id]);
    const toJune = await stack.call('GET', `${base}&to=2027-06-30`, { as: 'unitOfficer' });
    expect(ids(toJune.body)).toEqual([june.id]);
    const monitored = await stack.call('GET', `${base}&kind=monitoring`, { as: 'cityAdmin' });
    expect(ids(monitored.body)).toEqual([july.id]);
    const byCategory = await stack.call(
      'GET',
      `${base}&category=${campaign.categoryId('ebike_chargers_batteries')}&campaign=${campaign.id}`,
      { as: 'unitOfficer' },
    );
    expect(byCategory.body.total).toBe(2);
    const ascending = await stack.call('GET', `${base}&sort=reportedAt`, { as: 'unitOfficer' });
    expect(ids(ascending.body)).toEqual([june.id, july.id]);
    const descending = await stack.call('GET', `${base}&sort=-reportedAt&unit=${pudong}`, {
      as: 'cityAdmin',
    });
    expect(ids(descending.body)).toEqual([july.id, june.id]);
    const tooBig = await stack.call('GET', `${base}&pageSize=500`, { as: 'unitOfficer' });
    expect(tooBig.status).toBe(400);
    expect(issuePaths(tooBig.body)).toEqual(['pageSize']);
  });

  it('describes its endpoints in /openapi.json', async () => {
    const { body } = await stack.call('GET', '/openapi.json', { as: null });
    expect(Object.keys(body.paths['/api/risk-reports']).sort()).toEqual(['get', 'post']);
    // Issue #9: a record is corrected (PATCH, with a reason) or voided, never deleted.
    expect(Object.keys(body.paths['/api/risk-reports/{id}']).sort()).toEqual(['get', 'patch']);
    expect(Object.keys(body.paths['/api/risk-reports/{id}/void'])).toEqual(['post']);
    expect(body.components.schemas.RiskReport.properties.kindName).toBeDefined();
  });
});
