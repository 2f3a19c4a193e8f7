import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractCases } from '../support/contract-cases.js';
import { DATABASE_KINDS } from '../support/databases.js';
import { createCampaign, createEnterprise, createUser } from '../support/fixtures.js';
import { ids, issuePaths, startRecordWorld, type RecordWorld } from '../support/record-world.js';
import type { Caller } from '../support/stack.js';

describe.each(DATABASE_KINDS)('interviews on %s', (database) => {
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

  const count = () => stack.api.db.prisma.interview.count();
  const input = (overrides: Record<string, unknown> = {}) => ({
    campaignId: campaign.id,
    categoryId: campaign.categoryId('gas_appliances'),
    enterpriseId: ours.id,
    interviewedAt: '2027-09-05T10:00:00+08:00',
    reason: '燃气灶熄火保护装置连续两年抽查不合格',
    note: '企业法定代表人到场',
    ...overrides,
  });
  const interview = async (as: Caller, body: unknown) => {
    const res = await stack.call('POST', '/api/interviews', { as, body });
    if (res.status !== 201) throw new Error(`interview failed: ${JSON.stringify(res.body)}`);
    return res.body as { id: string };
  };
  /** A hazard on the problem list, made directly (the hazard API is not what is under test). */
  const hazardOf = async (enterpriseId: string, unit: string) =>
    stack.api.db.prisma.hazard.create({
      data: {
        campaignId: campaign.id,
        unitId: unit,
        enterpriseId,
        categoryId: campaign.categoryId('gas_appliances'),
        source: 'spot_check',
        problemType: 'substandard',
        severity: 'major',
        description: '熄火保护装置不合格',
        measure: '停止销售并召回',
        responsiblePerson: '王五',
        foundAt: new Date('2027-08-01T02:00:00Z'),
        deadline: new Date('2027-08-31T16:00:00Z'),
        createdById: 'test-setup',
      },
    });

  it('records an interview about a hazard of the enterprise, reads it back and audits it', async () => {
    const hazard = await hazardOf(ours.id, pudong);
    const { status, body } = await stack.call('POST', '/api/interviews', {
      as: 'unitOfficer',
      body: input({ hazardId: hazard.id }),
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      campaignId: campaign.id,
      unitId: pudong,
      unitName: '浦东新区市场监督管理局',
      enterpriseId: ours.id,
      enterpriseName: ours.name,
      categoryName: '燃气用品',
      interviewedAt: '2027-09-05T10:00:00+08:00',
      reason: '燃气灶熄火保护装置连续两年抽查不合格',
      hazardId: hazard.id,
      note: '企业法定代表人到场',
    });
    const stored = await stack.api.db.prisma.interview.findUniqueOrThrow({
      where: { id: body.id },
    });
    expect(stored.hazardId).toBe(hazard.id);
    expect(stored.interviewedAt.toISOString()).toBe('2027-09-05T02:00:00.000Z');

    const read = await stack.call('GET', `/api/interviews/${body.id}`, { as: 'unitOfficer' });
    expect(read.body).toEqual(body);
    const byHazard = await stack.call('GET', `/api/interviews?hazard=${hazard.id}`, {
      as: 'unitOfficer',
    });
    expect(ids(byHazard.body)).toEqual([body.id]);

    const audit = await stack.api.db.prisma.auditLog.findMany({ where: { entityId: body.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', entity: 'interview', unitId: pudong });
    expect((audit[0]!.after as { reason: string }).reason).toBe(body.reason);
  });

  it('records an interview with no hazard', async () => {
    const { status, body } = await stack.call('POST', '/api/interviews', {
      as: 'unitOfficer',
      body: input({ note: undefined }),
    });
    expect(status).toBe(201);
    expect(body.hazardId).toBeNull();
    expect(body.note).toBeNull();
  });

  it('refuses a hazard of another enterprise, or none at all, writing nothing', async () => {
    const otherEnterprise = await createEnterprise(stack, 'unitOfficer');
    const hazard = await hazardOf(otherEnterprise.id, pudong);
    const before = await count();
    for (const hazardId of [hazard.id, 'no-such-hazard']) {
      const { status, body } = await stack.call('POST', '/api/interviews', {
        as: 'unitOfficer',
        body: input({ hazardId }),
      });
      expect(status).toBe(400);
      expect(body.error.issues).toEqual([
        { path: 'hazardId', message: '隐患不存在或不属于该企业' },
      ]);
    }
    expect(await count()).toBe(before);
  });

  contractCases({
    stack: () => stack,
    route: '/api/interviews',
    input,
    count,
    badInputs: [
      ['no reason', { reason: '   ' }, ['reason']],
      ['a missing reason', { reason: undefined }, ['reason']],
      ['wrong types', { reason: 42, interviewedAt: '05/09/2027' }, ['interviewedAt', 'reason']],
      ['a time without an offset', { interviewedAt: '2027-09-05T10:00:00' }, ['interviewedAt']],
      ['a hazard id of the wrong type', { hazardId: 7 }, ['hazardId']],
      ['an unknown field', { outcome: '已整改' }, ['(root)']],
    ],
    malformed: '{"reason": "x"}}',
    oversized: () => input({ note: 'x'.repeat(1_100_000) }),
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
      ];
    },
  });

  it('keeps each unit to its own records; city roles read all; others may not write', async () => {
    const mine = await interview('unitOfficer', input());
    const other = await interview(huangpuOfficer, input({ enterpriseId: theirs.id }));

    const listed = await stack.call('GET', '/api/interviews?pageSize=200', { as: 'unitOfficer' });
    expect(ids(listed.body)).toContain(mine.id);
    expect(ids(listed.body)).not.toContain(other.id);
    expect(
      (await stack.call('GET', `/api/interviews/${other.id}`, { as: 'unitOfficer' })).status,
    ).toBe(404);
    const supervisor = await stack.call('GET', `/api/interviews?unit=${huangpu}&pageSize=200`, {
      as: 'citySupervisor',
    });
    expect(ids(supervisor.body)).toContain(other.id);
    expect(
      (await stack.call('GET', `/api/interviews/${other.id}`, { as: 'citySupervisor' })).status,
    ).toBe(200);

    const before = await count();
    expect(
      (
        await stack.call('POST', '/api/interviews', {
          as: 'unitOfficer',
          body: input({ unitId: huangpu }),
        })
      ).status,
    ).toBe(403);
    expect(
      (await stack.call('POST', '/api/interviews', { as: 'citySupervisor', body: input() })).status,
    ).toBe(403);
    const enterpriseUser = await createUser(stack, {
      role: 'enterprise_user',
      enterpriseId: ours.id,
    });
    expect(
      (await stack.call('POST', '/api/interviews', { as: enterpriseUser, body: input() })).status,
    ).toBe(403);
    expect((await stack.call('GET', '/api/interviews', { as: enterpriseUser })).status).toBe(403);
    expect(
      (await stack.call('GET', `/api/interviews/${mine.id}`, { as: enterpriseUser })).status,
    ).toBe(403);
    expect(await count()).toBe(before);
  });

  it('filters by interview date at a month boundary in China time and sorts', async () => {
    const enterprise = await createEnterprise(stack, 'unitOfficer');
    const base = `/api/interviews?enterprise=${enterprise.id}`;
    const july = await interview(
      'unitOfficer',
      input({ enterpriseId: enterprise.id, interviewedAt: '2027-07-01T00:30:00+08:00' }),
    );
    const june = await interview(
      'unitOfficer',
      input({
        enterpriseId: enterprise.id,
        interviewedAt: '2027-06-30T23:30:00+08:00',
        categoryId: campaign.categoryId('ebikes'),
      }),
    );
    const fromJuly = await stack.call('GET', `${base}&from=2027-07-01`, { as: 'unitOfficer' });
    expect(ids(fromJuly.body)).toEqual([july.id]);
    const toJune = await stack.call('GET', `${base}&to=2027-06-30`, { as: 'unitOfficer' });
    expect(ids(toJune.body)).toEqual([june.id]);
    const byCategory = await stack.call('GET', `${base}&category=ebikes`, { as: 'cityAdmin' });
    expect(ids(byCategory.body)).toEqual([june.id]);
    const ascending = await stack.call('GET', `${base}&sort=interviewedAt`, { as: 'unitOfficer' });
    expect(ids(ascending.body)).toEqual([june.id, july.id]);
    const descending = await stack.call('GET', `${base}&sort=-interviewedAt&unit=${pudong}`, {
      as: 'cityAdmin',
    });
    expect(ids(descending.body)).toEqual([july.id, june.id]);
    const badPage = await stack.call('GET', `${base}&page=0`, { as: 'unitOfficer' });
    expect(badPage.status).toBe(400);
    expect(issuePaths(badPage.body)).toEqual(['page']);
  });

  it('describes its endpoints in /openapi.json', async () => {
    const { body } = await stack.call('GET', '/openapi.json', { as: null });
    expect(Object.keys(body.paths['/api/interviews']).sort()).toEqual(['get', 'post']);
    // Issue #9: a record is corrected (PATCH, with a reason) or voided, never deleted.
    expect(Object.keys(body.paths['/api/interviews/{id}']).sort()).toEqual(['get', 'patch']);
    expect(Object.keys(body.paths['/api/interviews/{id}/void'])).toEqual(['post']);
    expect(body.components.schemas.CreateInterview.required).toContain('reason');
  });
});
