import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractCases } from '../support/contract-cases.js';
import { DATABASE_KINDS } from '../support/databases.js';
import { createCampaign, createEnterprise, createUser } from '../support/fixtures.js';
import { ids, issuePaths, startRecordWorld, type RecordWorld } from '../support/record-world.js';
import type { Caller } from '../support/stack.js';

describe.each(DATABASE_KINDS)('enforcement cases on %s', (database) => {
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

  const count = () => stack.api.db.prisma.enforcementCase.count();
  const input = (overrides: Record<string, unknown> = {}) => ({
    campaignId: campaign.id,
    categoryId: campaign.categoryId('gas_appliances'),
    enterpriseId: ours.id,
    title: '某公司生产不合格燃气灶案',
    filedAt: '2027-07-20T09:00:00+08:00',
    ...overrides,
  });
  const file = async (as: Caller, body: unknown) => {
    const res = await stack.call('POST', '/api/cases', { as, body });
    if (res.status !== 201) throw new Error(`filing a case failed: ${JSON.stringify(res.body)}`);
    return res.body as { id: string; version: number; title: string };
  };

  it('files a typical case with exact amounts, reads it back and audits it', async () => {
    const { status, body } = await stack.call('POST', '/api/cases', {
      as: 'unitOfficer',
      body: input({
        penaltyDecidedAt: '2027-08-05',
        fines: '12.5',
        caseValue: 30.1,
        transferredAt: '2027-08-10T15:00:00+08:00',
        exposedAt: '2027-08-12',
        creditPublicity: true,
        isTypical: true,
        typicalContent: '企业生产的燃气灶熄火保护装置不合格',
        typicalProgress: '已作出行政处罚决定',
        typicalReportedAt: '2027-08-31',
      }),
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      unitId: pudong,
      enterpriseId: ours.id,
      enterpriseName: ours.name,
      categoryName: '燃气用品',
      filedAt: '2027-07-20T09:00:00+08:00',
      penaltyDecidedAt: '2027-08-05T00:00:00+08:00',
      fines: '12.50',
      caseValue: '30.10',
      transferredAt: '2027-08-10T15:00:00+08:00',
      transferred: true,
      exposedAt: '2027-08-12T00:00:00+08:00',
      exposed: true,
      creditPublicity: true,
      isTypical: true,
      typicalProgress: '已作出行政处罚决定',
      typicalReportedAt: '2027-08-31T00:00:00+08:00',
      version: 1,
    });
    const stored = await stack.api.db.prisma.enforcementCase.findUniqueOrThrow({
      where: { id: body.id },
    });
    expect(stored.fines.toFixed(2)).toBe('12.50');
    expect(stored.caseValue.toFixed(2)).toBe('30.10');
    expect(stored.filedAt.toISOString()).toBe('2027-07-20T01:00:00.000Z');

    const read = await stack.call('GET', `/api/cases/${body.id}`, { as: 'unitOfficer' });
    expect(read.body).toEqual(body);

    const audit = await stack.api.db.prisma.auditLog.findMany({ where: { entityId: body.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'create',
      entity: 'enforcement_case',
      unitId: pudong,
    });
    expect((audit[0]!.after as { fines: string }).fines).toBe('12.5');
  });

  it('keeps money exact: 0.10 + 0.20 is 0.30', async () => {
    const enterprise = await createEnterprise(stack, 'unitOfficer');
    for (const fines of ['0.10', '0.20']) {
      await file(
        'unitOfficer',
        input({
          enterpriseId: enterprise.id,
          fines,
          caseValue: fines,
          penaltyDecidedAt: '2027-07-25',
        }),
      );
    }
    const sum = await stack.api.db.prisma.enforcementCase.aggregate({
      where: { enterpriseId: enterprise.id },
      _sum: { fines: true, caseValue: true },
    });
    expect(sum._sum.fines?.toFixed(2)).toBe('0.30');
    expect(sum._sum.fines?.equals('0.3')).toBe(true);
    expect(sum._sum.caseValue?.equals('0.3')).toBe(true);
    const listed = await stack.call(
      'GET',
      `/api/cases?enterprise=${enterprise.id}&sort=createdAt`,
      {
        as: 'unitOfficer',
      },
    );
    expect(listed.body.items.map((c: { fines: string }) => c.fines)).toEqual(['0.10', '0.20']);
  });

  it('files a case with no enterprise on the register and zero amounts by default', async () => {
    const { status, body } = await stack.call('POST', '/api/cases', {
      as: 'unitOfficer',
      body: input({ enterpriseId: undefined, title: '流动摊贩销售无证电热毯案' }),
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      enterpriseId: null,
      enterpriseName: null,
      fines: '0.00',
      caseValue: '0.00',
      penaltyDecidedAt: null,
      transferred: false,
      exposed: false,
      isTypical: false,
      typicalContent: null,
    });
  });

  contractCases({
    stack: () => stack,
    route: '/api/cases',
    input,
    count,
    badInputs: [
      ['a penalty decided before filing', { penaltyDecidedAt: '2027-07-19' }, ['penaltyDecidedAt']],
      ['a transfer before filing', { transferredAt: '2027-07-01' }, ['transferredAt']],
      [
        'a typical case without content',
        { isTypical: true },
        ['typicalContent', 'typicalProgress'],
      ],
      ['fines without a penalty decision', { fines: '1.00' }, ['penaltyDecidedAt']],
      ['three decimals of 万元', { caseValue: '1.005' }, ['caseValue']],
      ['a negative amount', { caseValue: -2 }, ['caseValue']],
      ['an amount that is not a number', { caseValue: '十万' }, ['caseValue']],
      ['wrong types', { isTypical: 'yes', filedAt: 20270720 }, ['filedAt', 'isTypical']],
      ['no title', { title: '' }, ['title']],
      ['an unknown field', { status: 'closed' }, ['(root)']],
    ],
    malformed: '{"title": ',
    oversized: () => input({ typicalContent: '案'.repeat(400_000) }),
    references: async () => {
      const other = await createCampaign(stack, 2028);
      return [
        [{ campaignId: 'no-such-campaign' }, 'campaignId', '专项行动不存在'],
        [{ categoryId: other.categoryId('cement') }, 'categoryId', '产品类别不属于该专项行动'],
        [{ enterpriseId: theirs.id }, 'enterpriseId', '企业不存在或不属于本单位'],
      ];
    },
  });

  it('records progress with the current version, audits it, and gives a stale write 409', async () => {
    const filed = await file('unitOfficer', input());
    const path = `/api/cases/${filed.id}`;
    const progress = await stack.call('PATCH', path, {
      as: 'unitOfficer',
      body: {
        version: 1,
        penaltyDecidedAt: '2027-08-01',
        fines: '5.55',
        exposedAt: '2027-08-02',
        creditPublicity: true,
      },
    });
    expect(progress.status).toBe(200);
    expect(progress.body).toMatchObject({
      version: 2,
      fines: '5.55',
      caseValue: '0.00',
      penaltyDecidedAt: '2027-08-01T00:00:00+08:00',
      exposed: true,
      creditPublicity: true,
      title: filed.title,
    });

    const [a, b] = await Promise.all([
      stack.call('PATCH', path, { as: 'unitOfficer', body: { version: 2, caseValue: '10' } }),
      stack.call('PATCH', path, { as: 'unitOfficer', body: { version: 2, caseValue: '20' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? a : b;
    const loser = a.status === 200 ? b : a;
    expect(loser.body.error.code).toBe('CONFLICT');
    const stored = await stack.api.db.prisma.enforcementCase.findUniqueOrThrow({
      where: { id: filed.id },
    });
    expect(stored.version).toBe(3);
    expect(stored.caseValue.toFixed(2)).toBe(winner.body.caseValue);

    const stale = await stack.call('PATCH', path, {
      as: 'unitOfficer',
      body: { version: 2, title: '过期版本的修改' },
    });
    expect(stale.status).toBe(409);
    expect(
      (await stack.api.db.prisma.enforcementCase.findUniqueOrThrow({ where: { id: filed.id } }))
        .title,
    ).toBe(filed.title);

    const audits = await stack.api.db.prisma.auditLog.findMany({
      where: { entityId: filed.id, action: 'update' },
    });
    expect(audits).toHaveLength(2);
    const first = audits.find((a) => (a.before as { version: number }).version === 1);
    expect(first).toMatchObject({ entity: 'enforcement_case', unitId: pudong });
    expect((first!.before as { fines: string }).fines).toBe('0');
    expect((first!.after as { fines: string; version: number }).fines).toBe('5.55');
    expect((first!.after as { version: number }).version).toBe(2);
  });

  it('checks progress against the stored case and writes nothing when it does not fit', async () => {
    const filed = await file('unitOfficer', input({ penaltyDecidedAt: '2027-07-25', fines: '3' }));
    const path = `/api/cases/${filed.id}`;
    const early = await stack.call('PATCH', path, {
      as: 'unitOfficer',
      body: { version: 1, penaltyDecidedAt: '2027-07-01' },
    });
    expect(early.status).toBe(400);
    expect(issuePaths(early.body)).toEqual(['penaltyDecidedAt']);
    const clearedWithFines = await stack.call('PATCH', path, {
      as: 'unitOfficer',
      body: { version: 1, penaltyDecidedAt: null },
    });
    expect(clearedWithFines.status).toBe(400);
    expect(issuePaths(clearedWithFines.body)).toEqual(['penaltyDecidedAt']);
    const typical = await stack.call('PATCH', path, {
      as: 'unitOfficer',
      body: { version: 1, isTypical: true, typicalContent: '案例内容' },
    });
    expect(typical.status).toBe(400);
    expect(issuePaths(typical.body)).toEqual(['typicalProgress']);
    const nothing = await stack.call('PATCH', path, { as: 'unitOfficer', body: { version: 1 } });
    expect(nothing.status).toBe(400);
    const noVersion = await stack.call('PATCH', path, {
      as: 'unitOfficer',
      body: { fines: '4' },
    });
    expect(noVersion.status).toBe(400);
    expect(issuePaths(noVersion.body)).toEqual(['version']);

    const stored = await stack.api.db.prisma.enforcementCase.findUniqueOrThrow({
      where: { id: filed.id },
    });
    expect(stored.version).toBe(1);
    expect(stored.isTypical).toBe(false);
    expect(stored.penaltyDecidedAt?.toISOString()).toBe('2027-07-24T16:00:00.000Z');

    const done = await stack.call('PATCH', path, {
      as: 'unitOfficer',
      body: { version: 1, isTypical: true, typicalContent: '案例内容', typicalProgress: '已结案' },
    });
    expect(done.status).toBe(200);
    expect(done.body.isTypical).toBe(true);
  });

  it('keeps each unit to its own cases; the supervisor reads but does not write', async () => {
    const mine = await file('unitOfficer', input());
    const other = await file(huangpuOfficer, input({ enterpriseId: theirs.id }));

    const listed = await stack.call('GET', '/api/cases?pageSize=200', { as: 'unitOfficer' });
    expect(ids(listed.body)).toContain(mine.id);
    expect(ids(listed.body)).not.toContain(other.id);
    expect((await stack.call('GET', `/api/cases/${other.id}`, { as: 'unitOfficer' })).status).toBe(
      404,
    );
    const patched = await stack.call('PATCH', `/api/cases/${other.id}`, {
      as: 'unitOfficer',
      body: { version: 1, title: '被篡改的案件名称' },
    });
    expect(patched.status).toBe(404);
    const untouched = await stack.api.db.prisma.enforcementCase.findUniqueOrThrow({
      where: { id: other.id },
    });
    expect(untouched.title).toBe(other.title);
    expect(untouched.version).toBe(1);

    const forOtherUnit = await stack.call('POST', '/api/cases', {
      as: 'unitOfficer',
      body: input({ unitId: huangpu }),
    });
    expect(forOtherUnit.status).toBe(403);

    const supervisorRead = await stack.call('GET', `/api/cases/${other.id}`, {
      as: 'citySupervisor',
    });
    expect(supervisorRead.status).toBe(200);
    const supervisorList = await stack.call('GET', `/api/cases?unit=${huangpu}&pageSize=200`, {
      as: 'citySupervisor',
    });
    expect(ids(supervisorList.body)).toContain(other.id);
    const before = await count();
    expect(
      (await stack.call('POST', '/api/cases', { as: 'citySupervisor', body: input() })).status,
    ).toBe(403);
    const supervisorPatch = await stack.call('PATCH', `/api/cases/${other.id}`, {
      as: 'citySupervisor',
      body: { version: 1, title: '督导员的修改' },
    });
    expect(supervisorPatch.status).toBe(403);

    const enterpriseUser = await createUser(stack, {
      role: 'enterprise_user',
      enterpriseId: ours.id,
    });
    expect((await stack.call('GET', '/api/cases', { as: enterpriseUser })).status).toBe(403);
    expect((await stack.call('GET', `/api/cases/${mine.id}`, { as: enterpriseUser })).status).toBe(
      403,
    );
    expect(
      (await stack.call('POST', '/api/cases', { as: enterpriseUser, body: input() })).status,
    ).toBe(403);
    const enterprisePatch = await stack.call('PATCH', `/api/cases/${mine.id}`, {
      as: enterpriseUser,
      body: { version: 1, title: '企业自改' },
    });
    expect(enterprisePatch.status).toBe(403);
    expect(await count()).toBe(before);

    const admin = await stack.call('PATCH', `/api/cases/${other.id}`, {
      as: 'cityAdmin',
      body: { version: 1, transferredAt: '2027-09-01' },
    });
    expect(admin.status).toBe(200);
    expect(admin.body.unitId).toBe(huangpu);
  });

  it('filters by filing date at a month boundary in China time, by flags, and sorts', async () => {
    const enterprise = await createEnterprise(stack, 'unitOfficer');
    const base = `/api/cases?enterprise=${enterprise.id}`;
    const july = await file(
      'unitOfficer',
      input({
        enterpriseId: enterprise.id,
        filedAt: '2027-07-01T00:30:00+08:00',
        isTypical: true,
        typicalContent: '内容',
        typicalProgress: '进度',
      }),
    );
    const june = await file(
      'unitOfficer',
      input({
        enterpriseId: enterprise.id,
        filedAt: '2027-06-30T23:30:00+08:00',
        transferredAt: '2027-07-02',
      }),
    );
    const fromJuly = await stack.call('GET', `${base}&from=2027-07-01`, { as: 'unitOfficer' });
    expect(ids(fromJuly.body)).toEqual([july.id]);
    const toJune = await stack.call('GET', `${base}&to=2027-06-30`, { as: 'unitOfficer' });
    expect(ids(toJune.body)).toEqual([june.id]);

    const typical = await stack.call('GET', `${base}&typical=true`, { as: 'unitOfficer' });
    expect(ids(typical.body)).toEqual([july.id]);
    const transferred = await stack.call('GET', `${base}&transferred=true`, { as: 'unitOfficer' });
    expect(ids(transferred.body)).toEqual([june.id]);
    const notTransferred = await stack.call('GET', `${base}&transferred=false`, {
      as: 'unitOfficer',
    });
    expect(ids(notTransferred.body)).toEqual([july.id]);
    const byCategory = await stack.call('GET', `${base}&category=gas_appliances&unit=${pudong}`, {
      as: 'cityAdmin',
    });
    expect(byCategory.body.total).toBe(2);
    const otherCategory = await stack.call('GET', `${base}&category=cement`, { as: 'cityAdmin' });
    expect(otherCategory.body.total).toBe(0);

    const ascending = await stack.call('GET', `${base}&sort=filedAt`, { as: 'unitOfficer' });
    expect(ids(ascending.body)).toEqual([june.id, july.id]);
    const descending = await stack.call('GET', `${base}&sort=-filedAt`, { as: 'unitOfficer' });
    expect(ids(descending.body)).toEqual([july.id, june.id]);
    const badFlag = await stack.call('GET', `${base}&typical=yes`, { as: 'unitOfficer' });
    expect(badFlag.status).toBe(400);
    expect(issuePaths(badFlag.body)).toEqual(['typical']);
  });

  it('describes its endpoints in /openapi.json', async () => {
    const { body } = await stack.call('GET', '/openapi.json', { as: null });
    expect(Object.keys(body.paths['/api/cases']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(body.paths['/api/cases/{id}']).sort()).toEqual(['get', 'patch']);
    expect(body.components.schemas.EnforcementCase.properties.fines.type).toBe('string');
    expect(body.components.schemas.UpdateEnforcementCase.required).toContain('version');
  });
});
