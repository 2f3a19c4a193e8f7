import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractCases } from '../support/contract-cases.js';
import { DATABASE_KINDS } from '../support/databases.js';
import { createCampaign, createEnterprise, createUser } from '../support/fixtures.js';
import { ids, issuePaths, startRecordWorld, type RecordWorld } from '../support/record-world.js';
import type { Caller } from '../support/stack.js';

describe.each(DATABASE_KINDS)('technical assistance on %s', (database) => {
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

  const count = () => stack.api.db.prisma.assistance.count();
  const input = (overrides: Record<string, unknown> = {}) => ({
    campaignId: campaign.id,
    categoryId: campaign.categoryId('wires_cables'),
    kind: 'diagnosis',
    enterpriseId: ours.id,
    assistedAt: '2027-09-10T14:00:00+08:00',
    problemsSolved: 2,
    outputValueRaised: '15.8',
    note: '帮助企业完善出厂检验',
    ...overrides,
  });
  const assist = async (as: Caller, body: unknown) => {
    const res = await stack.call('POST', '/api/assistance', { as, body });
    if (res.status !== 201) throw new Error(`assistance failed: ${JSON.stringify(res.body)}`);
    return res.body as { id: string };
  };

  it('records assistance for the officer’s unit, reads it back and audits it', async () => {
    const { status, body } = await stack.call('POST', '/api/assistance', {
      as: 'unitOfficer',
      body: input(),
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      campaignId: campaign.id,
      unitId: pudong,
      enterpriseId: ours.id,
      enterpriseName: ours.name,
      categoryCode: 'wires_cables',
      categoryName: '电线电缆',
      kind: 'diagnosis',
      kindName: '一对一个性问诊',
      assistedAt: '2027-09-10T14:00:00+08:00',
      problemsSolved: 2,
      outputValueRaised: '15.80',
      note: '帮助企业完善出厂检验',
    });
    const stored = await stack.api.db.prisma.assistance.findUniqueOrThrow({
      where: { id: body.id },
    });
    expect(stored.outputValueRaised.toFixed(2)).toBe('15.80');
    expect(stored.assistedAt.toISOString()).toBe('2027-09-10T06:00:00.000Z');
    expect(stored.unitId).toBe(pudong);

    const read = await stack.call('GET', `/api/assistance/${body.id}`, { as: 'unitOfficer' });
    expect(read.body).toEqual(body);
    const audit = await stack.api.db.prisma.auditLog.findMany({ where: { entityId: body.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', entity: 'assistance', unitId: pudong });
    expect((audit[0]!.after as { problemsSolved: number }).problemsSolved).toBe(2);
  });

  it('keeps output value exact: 0.10 + 0.20 is 0.30; training may solve nothing yet', async () => {
    const enterprise = await createEnterprise(stack, 'unitOfficer');
    const first = await assist(
      'unitOfficer',
      input({ enterpriseId: enterprise.id, outputValueRaised: 0.1 }),
    );
    await assist(
      'unitOfficer',
      input({
        enterpriseId: enterprise.id,
        outputValueRaised: '0.20',
        kind: 'training',
        problemsSolved: 0,
      }),
    );
    const sum = await stack.api.db.prisma.assistance.aggregate({
      where: { enterpriseId: enterprise.id },
      _sum: { outputValueRaised: true },
    });
    expect(sum._sum.outputValueRaised?.toFixed(2)).toBe('0.30');
    expect(sum._sum.outputValueRaised?.equals('0.3')).toBe(true);
    const read = await stack.call('GET', `/api/assistance/${first.id}`, { as: 'cityAdmin' });
    expect(read.body.outputValueRaised).toBe('0.10');

    const defaults = await stack.call('POST', '/api/assistance', {
      as: 'unitOfficer',
      body: input({ kind: 'joint', problemsSolved: undefined, outputValueRaised: undefined }),
    });
    expect(defaults.status).toBe(201);
    expect(defaults.body).toMatchObject({
      kindName: '共性问题联合攻关',
      problemsSolved: 0,
      outputValueRaised: '0.00',
    });
  });

  contractCases({
    stack: () => stack,
    route: '/api/assistance',
    input,
    count,
    badInputs: [
      ['an unknown kind', { kind: 'consulting' }, ['kind']],
      ['a negative problem count', { problemsSolved: -1 }, ['problemsSolved']],
      ['a fractional problem count', { problemsSolved: 1.5 }, ['problemsSolved']],
      ['three decimals of 万元', { outputValueRaised: '0.001' }, ['outputValueRaised']],
      ['a negative amount', { outputValueRaised: '-3' }, ['outputValueRaised']],
      ['wrong types', { problemsSolved: '2', assistedAt: true }, ['assistedAt', 'problemsSolved']],
      ['a date that is not on the calendar', { assistedAt: '2027-02-30' }, ['assistedAt']],
      ['no enterprise', { enterpriseId: undefined }, ['enterpriseId']],
      ['an unknown field', { enterprisesHelped: 3 }, ['(root)']],
    ],
    malformed: 'kind=training',
    oversized: () => input({ note: 'x'.repeat(1_100_000) }),
    references: async () => {
      const other = await createCampaign(stack, 2028);
      return [
        [{ campaignId: 'no-such-campaign' }, 'campaignId', '专项行动不存在'],
        [
          { categoryId: other.categoryId('wires_cables') },
          'categoryId',
          '产品类别不属于该专项行动',
        ],
        [{ enterpriseId: theirs.id }, 'enterpriseId', '企业不存在或不属于本单位'],
      ];
    },
  });

  it('keeps each unit to its own records; city roles read all; others may not write', async () => {
    const mine = await assist('unitOfficer', input());
    const other = await assist(huangpuOfficer, input({ enterpriseId: theirs.id }));

    const listed = await stack.call('GET', '/api/assistance?pageSize=200', { as: 'unitOfficer' });
    expect(ids(listed.body)).toContain(mine.id);
    expect(ids(listed.body)).not.toContain(other.id);
    expect(
      (await stack.call('GET', `/api/assistance/${other.id}`, { as: 'unitOfficer' })).status,
    ).toBe(404);
    const supervisor = await stack.call('GET', `/api/assistance?unit=${huangpu}&pageSize=200`, {
      as: 'citySupervisor',
    });
    expect(ids(supervisor.body)).toContain(other.id);
    expect(ids(supervisor.body)).not.toContain(mine.id);

    const before = await count();
    const forOtherUnit = await stack.call('POST', '/api/assistance', {
      as: 'unitOfficer',
      body: input({ unitId: huangpu }),
    });
    expect(forOtherUnit.status).toBe(403);
    expect(
      (await stack.call('POST', '/api/assistance', { as: 'citySupervisor', body: input() })).status,
    ).toBe(403);
    const enterpriseUser = await createUser(stack, {
      role: 'enterprise_user',
      enterpriseId: ours.id,
    });
    expect(
      (await stack.call('POST', '/api/assistance', { as: enterpriseUser, body: input() })).status,
    ).toBe(403);
    expect((await stack.call('GET', '/api/assistance', { as: enterpriseUser })).status).toBe(403);
    expect(
      (await stack.call('GET', `/api/assistance/${mine.id}`, { as: enterpriseUser })).status,
    ).toBe(403);
    expect(await count()).toBe(before);

    const admin = await stack.call('POST', '/api/assistance', {
      as: 'cityAdmin',
      body: input({ unitId: huangpu, enterpriseId: theirs.id }),
    });
    expect(admin.status).toBe(201);
    expect(admin.body.unitId).toBe(huangpu);
  });

  it('filters by assistance date at a month boundary in China time, kind and category, and sorts', async () => {
    const enterprise = await createEnterprise(stack, 'unitOfficer');
    const base = `/api/assistance?enterprise=${enterprise.id}`;
    const july = await assist(
      'unitOfficer',
      input({ enterpriseId: enterprise.id, assistedAt: '2027-07-01T00:30:00+08:00' }),
    );
    const june = await assist(
      'unitOfficer',
      input({
        enterpriseId: enterprise.id,
        assistedAt: '2027-06-30T23:30:00+08:00',
        kind: 'training',
        categoryId: campaign.categoryId('fertiliser'),
      }),
    );
    expect(
      ids((await stack.call('GET', `${base}&from=2027-07-01`, { as: 'unitOfficer' })).body),
    ).toEqual([july.id]);
    expect(
      ids((await stack.call('GET', `${base}&to=2027-06-30`, { as: 'unitOfficer' })).body),
    ).toEqual([june.id]);
    expect(
      ids((await stack.call('GET', `${base}&kind=training`, { as: 'unitOfficer' })).body),
    ).toEqual([june.id]);
    expect(
      ids((await stack.call('GET', `${base}&category=fertiliser`, { as: 'cityAdmin' })).body),
    ).toEqual([june.id]);
    expect(
      ids(
        (
          await stack.call(
            'GET',
            `${base}&campaign=${campaign.id}&unit=${pudong}&sort=assistedAt`,
            { as: 'cityAdmin' },
          )
        ).body,
      ),
    ).toEqual([june.id, july.id]);
    expect(
      ids((await stack.call('GET', `${base}&sort=-assistedAt`, { as: 'cityAdmin' })).body),
    ).toEqual([july.id, june.id]);
    const badKind = await stack.call('GET', `${base}&kind=other`, { as: 'unitOfficer' });
    expect(badKind.status).toBe(400);
    expect(issuePaths(badKind.body)).toEqual(['kind']);
  });

  it('describes its endpoints in /openapi.json', async () => {
    const { body } = await stack.call('GET', '/openapi.json', { as: null });
    expect(Object.keys(body.paths['/api/assistance']).sort()).toEqual(['get', 'post']);
    // Issue #9: a record is corrected (PATCH, with a reason) or voided, never deleted.
    expect(Object.keys(body.paths['/api/assistance/{id}']).sort()).toEqual(['get', 'patch']);
    expect(Object.keys(body.paths['/api/assistance/{id}/void'])).toEqual(['post']);
    expect(body.components.schemas.Assistance.properties.kindName).toBeDefined();
    expect(body.components.schemas.CreateAssistance).toBeDefined();
  });
});
