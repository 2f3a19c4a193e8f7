import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractCases } from '../support/contract-cases.js';
import { DATABASE_KINDS } from '../support/databases.js';
import { createCampaign, createEnterprise, createUser } from '../support/fixtures.js';
import { ids, startRecordWorld, type RecordWorld } from '../support/record-world.js';
import type { Caller } from '../support/stack.js';

/** The field paths of a 400's issues, in the order the API reports them. */
const paths = (body: { error: { issues?: { path: string }[] } }) =>
  (body.error.issues ?? []).map((issue) => issue.path);

describe.each(DATABASE_KINDS)('spot checks on %s', (database) => {
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

  const count = () => stack.api.db.prisma.spotCheck.count();
  const input = (overrides: Record<string, unknown> = {}) => ({
    campaignId: campaign.id,
    categoryId: campaign.categoryId('gas_appliances'),
    level: 'district',
    enterpriseId: ours.id,
    product: '家用燃气灶',
    checkedAt: '2027-07-15T10:00:00+08:00',
    batches: 3,
    unqualifiedBatches: 1,
    failedItems: ['熄火保护装置'],
    tracingNote: '已向生产企业所在地通报',
    ...overrides,
  });
  const record = async (as: Caller, body: unknown) => {
    const res = await stack.call('POST', '/api/spot-checks', { as, body });
    if (res.status !== 201) throw new Error(`spot check failed: ${JSON.stringify(res.body)}`);
    return res.body as { id: string };
  };

  it('records a failed spot check for the officer’s unit, reads it back and audits it', async () => {
    const { status, body } = await stack.call('POST', '/api/spot-checks', {
      as: 'unitOfficer',
      body: input({ checkedAt: '2027-07-15' }),
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      campaignId: campaign.id,
      unitId: pudong,
      unitName: '浦东新区市场监督管理局',
      enterpriseId: ours.id,
      enterpriseName: ours.name,
      categoryCode: 'gas_appliances',
      categoryName: '燃气用品',
      level: 'district',
      levelName: '区级',
      product: '家用燃气灶',
      checkedAt: '2027-07-15T00:00:00+08:00',
      batches: 3,
      unqualifiedBatches: 1,
      failedItems: ['熄火保护装置'],
      tracingNote: '已向生产企业所在地通报',
      result: 'unqualified',
      resultName: '不合格',
    });

    const stored = await stack.api.db.prisma.spotCheck.findUniqueOrThrow({
      where: { id: body.id },
    });
    expect(stored.unitId).toBe(pudong);
    expect(stored.checkedAt.toISOString()).toBe('2027-07-14T16:00:00.000Z');
    expect(stored.batches).toBe(3);
    expect(stored.unqualifiedBatches).toBe(1);

    const read = await stack.call('GET', `/api/spot-checks/${body.id}`, { as: 'unitOfficer' });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(body);

    const audit = await stack.api.db.prisma.auditLog.findMany({ where: { entityId: body.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', entity: 'spot_check', unitId: pudong });
    expect((audit[0]!.after as { unqualifiedBatches: number }).unqualifiedBatches).toBe(1);
  });

  it('shows an all-qualified spot check as 合格', async () => {
    const { status, body } = await stack.call('POST', '/api/spot-checks', {
      as: 'unitOfficer',
      body: input({ unqualifiedBatches: 0, failedItems: [] }),
    });
    expect(status).toBe(201);
    expect(body.result).toBe('qualified');
    expect(body.resultName).toBe('合格');
  });

  contractCases({
    stack: () => stack,
    route: '/api/spot-checks',
    input,
    count,
    badInputs: [
      ['more unqualified batches than checked', { unqualifiedBatches: 4 }, ['unqualifiedBatches']],
      ['unqualified batches without failed items', { failedItems: [] }, ['failedItems']],
      ['failed items on a qualified check', { unqualifiedBatches: 0 }, ['failedItems']],
      ['no batches', { batches: 0, unqualifiedBatches: 0, failedItems: [] }, ['batches']],
      ['an unknown level', { level: 'province' }, ['level']],
      ['wrong types', { batches: '3', checkedAt: 'yesterday' }, ['batches', 'checkedAt']],
      ['a fractional batch count', { unqualifiedBatches: 0.5 }, ['unqualifiedBatches']],
      ['an unknown field', { result: 'qualified' }, ['(root)']],
      ['no product', { product: '  ' }, ['product']],
    ],
    malformed: '{"batches": 3,',
    oversized: () => input({ tracingNote: 'x'.repeat(1_100_000) }),
    references: async () => {
      const other = await createCampaign(stack, 2028);
      return [
        [{ campaignId: 'no-such-campaign' }, 'campaignId', '专项行动不存在'],
        [
          { categoryId: other.categoryId('gas_appliances') },
          'categoryId',
          '产品类别不属于该专项行动',
        ],
        [{ enterpriseId: theirs.id }, 'enterpriseId', '企业不存在或不属于本单位'],
        [{ enterpriseId: 'no-such-enterprise' }, 'enterpriseId', '企业不存在或不属于本单位'],
      ];
    },
  });

  it('lets only the city admin record city-level checks, and for any unit', async () => {
    const before = await count();
    const cityLevel = await stack.call('POST', '/api/spot-checks', {
      as: 'unitOfficer',
      body: input({ level: 'city' }),
    });
    expect(cityLevel.status).toBe(403);
    const otherUnit = await stack.call('POST', '/api/spot-checks', {
      as: 'unitOfficer',
      body: input({ unitId: huangpu }),
    });
    expect(otherUnit.status).toBe(403);
    const supervisor = await stack.call('POST', '/api/spot-checks', {
      as: 'citySupervisor',
      body: input(),
    });
    expect(supervisor.status).toBe(403);
    const enterpriseUser = await createUser(stack, {
      role: 'enterprise_user',
      enterpriseId: ours.id,
    });
    const byEnterprise = await stack.call('POST', '/api/spot-checks', {
      as: enterpriseUser,
      body: input(),
    });
    expect(byEnterprise.status).toBe(403);
    expect(await count()).toBe(before);

    const city = await stack.call('POST', '/api/spot-checks', {
      as: 'cityAdmin',
      body: input({ level: 'city', enterpriseId: theirs.id }),
    });
    expect(city.status).toBe(201);
    expect(city.body.levelName).toBe('市级');
    expect(city.body.unitName).toBe('上海市市场监督管理局产品质量安全监督管理处');
    const forHuangpu = await stack.call('POST', '/api/spot-checks', {
      as: 'cityAdmin',
      body: input({ unitId: huangpu }),
    });
    expect(forHuangpu.status).toBe(201);
    expect(forHuangpu.body.unitId).toBe(huangpu);
  });

  it('keeps each unit to its own records; city roles read all; enterprise users none', async () => {
    const mine = await record('unitOfficer', input());
    const other = await record(huangpuOfficer, input({ enterpriseId: theirs.id }));

    const listed = await stack.call('GET', '/api/spot-checks?pageSize=200', { as: 'unitOfficer' });
    expect(listed.status).toBe(200);
    expect(ids(listed.body)).toContain(mine.id);
    expect(ids(listed.body)).not.toContain(other.id);
    expect(listed.body.items.every((s: { unitId: string }) => s.unitId === pudong)).toBe(true);
    const theirsById = await stack.call('GET', `/api/spot-checks/${other.id}`, {
      as: 'unitOfficer',
    });
    expect(theirsById.status).toBe(404);
    const filteredToThem = await stack.call('GET', `/api/spot-checks?unit=${huangpu}`, {
      as: 'unitOfficer',
    });
    expect(filteredToThem.body.total).toBe(0);

    const supervisor = await stack.call('GET', `/api/spot-checks?pageSize=200&unit=${huangpu}`, {
      as: 'citySupervisor',
    });
    expect(ids(supervisor.body)).toContain(other.id);
    expect(ids(supervisor.body)).not.toContain(mine.id);
    expect(
      (await stack.call('GET', `/api/spot-checks/${other.id}`, { as: 'citySupervisor' })).status,
    ).toBe(200);

    const enterpriseUser = await createUser(stack, {
      role: 'enterprise_user',
      enterpriseId: ours.id,
    });
    expect((await stack.call('GET', '/api/spot-checks', { as: enterpriseUser })).status).toBe(403);
    expect(
      (await stack.call('GET', `/api/spot-checks/${mine.id}`, { as: enterpriseUser })).status,
    ).toBe(403);
    expect((await stack.call('GET', '/api/spot-checks', { as: null })).status).toBe(401);
  });

  it('filters by China-time dates at a month boundary, category, enterprise and result, and sorts', async () => {
    const enterprise = await createEnterprise(stack, 'unitOfficer');
    const base = `/api/spot-checks?enterprise=${enterprise.id}`;
    const july = await record(
      'unitOfficer',
      input({ enterpriseId: enterprise.id, checkedAt: '2027-07-01T00:30:00+08:00' }),
    );
    const june = await record(
      'unitOfficer',
      input({
        enterpriseId: enterprise.id,
        checkedAt: '2027-06-30T23:30:00+08:00',
        categoryId: campaign.categoryId('ebikes'),
        product: '电动自行车',
        unqualifiedBatches: 0,
        failedItems: [],
      }),
    );

    const fromJuly = await stack.call('GET', `${base}&from=2027-07-01`, { as: 'unitOfficer' });
    expect(ids(fromJuly.body)).toEqual([july.id]);
    const toJune = await stack.call('GET', `${base}&to=2027-06-30`, { as: 'unitOfficer' });
    expect(ids(toJune.body)).toEqual([june.id]);
    const oneDay = await stack.call('GET', `${base}&from=2027-07-01&to=2027-07-01`, {
      as: 'cityAdmin',
    });
    expect(ids(oneDay.body)).toEqual([july.id]);

    const byCode = await stack.call('GET', `${base}&category=ebikes`, { as: 'unitOfficer' });
    expect(ids(byCode.body)).toEqual([june.id]);
    const byId = await stack.call(
      'GET',
      `${base}&category=${campaign.categoryId('gas_appliances')}`,
      { as: 'unitOfficer' },
    );
    expect(ids(byId.body)).toEqual([july.id]);
    const failed = await stack.call('GET', `${base}&result=unqualified`, { as: 'unitOfficer' });
    expect(ids(failed.body)).toEqual([july.id]);
    const byCampaign = await stack.call('GET', `${base}&campaign=${campaign.id}&level=district`, {
      as: 'unitOfficer',
    });
    expect(byCampaign.body.total).toBe(2);

    const ascending = await stack.call('GET', `${base}&sort=checkedAt`, { as: 'unitOfficer' });
    expect(ids(ascending.body)).toEqual([june.id, july.id]);
    const descending = await stack.call('GET', `${base}&sort=-checkedAt`, { as: 'unitOfficer' });
    expect(ids(descending.body)).toEqual([july.id, june.id]);
    const paged = await stack.call('GET', `${base}&sort=-createdAt&pageSize=1&page=2`, {
      as: 'unitOfficer',
    });
    expect(ids(paged.body)).toEqual([july.id]);
    expect(paged.body.total).toBe(2);

    const badSort = await stack.call('GET', `${base}&sort=batches`, { as: 'unitOfficer' });
    expect(badSort.status).toBe(400);
    expect(paths(badSort.body)).toEqual(['sort']);
    const badRange = await stack.call('GET', `${base}&from=2027-08-01&to=2027-07-01`, {
      as: 'unitOfficer',
    });
    expect(badRange.status).toBe(400);
    expect(paths(badRange.body)).toEqual(['to']);
    const badDate = await stack.call('GET', `${base}&from=2027-7-1`, { as: 'unitOfficer' });
    expect(badDate.status).toBe(400);
    expect(paths(badDate.body)).toEqual(['from']);
  });

  it('describes its endpoints in /openapi.json: correct or void a result, never delete it', async () => {
    const { body } = await stack.call('GET', '/openapi.json', { as: null });
    expect(Object.keys(body.paths['/api/spot-checks'])).toEqual(['get', 'post']);
    // Issue #9: a result is corrected (PATCH, with a reason) or voided, never deleted.
    expect(Object.keys(body.paths['/api/spot-checks/{id}'])).toEqual(['get', 'patch']);
    expect(Object.keys(body.paths['/api/spot-checks/{id}/void'])).toEqual(['post']);
    expect(body.components.schemas.SpotCheck.properties.resultName).toBeDefined();
    expect(body.components.schemas.CreateSpotCheck).toBeDefined();
  });
});
