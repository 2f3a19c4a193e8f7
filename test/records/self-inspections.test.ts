import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../support/databases.js';
import { createCampaign, createEnterprise, createUser, unitId } from '../support/fixtures.js';
import { startTestStack, type Caller, type TestStack } from '../support/stack.js';

describe.each(DATABASE_KINDS)('enterprise self-inspections on %s', (database) => {
  let stack: TestStack;
  let campaignId: string;
  let pudong: string;
  let huangpu: string;
  let ours: { id: string; name: string };
  let theirs: { id: string };
  let member: { id: string; token: string };
  let otherMember: { token: string };
  let huangpuOfficer: { token: string };

  beforeAll(async () => {
    stack = await startTestStack({ database, worker: false });
    campaignId = (await createCampaign(stack, 2025)).id;
    pudong = await unitId(stack, 'pudong');
    huangpu = await unitId(stack, 'huangpu');
    huangpuOfficer = await createUser(stack, { role: 'unit_officer', unitCode: 'huangpu' });
    ours = await createEnterprise(stack, 'unitOfficer');
    theirs = await createEnterprise(stack, huangpuOfficer);
    member = await createUser(stack, { role: 'enterprise_user', enterpriseId: ours.id });
    otherMember = await createUser(stack, { role: 'enterprise_user', enterpriseId: theirs.id });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const count = () => stack.api.db.prisma.selfInspection.count();
  const input = (overrides: Record<string, unknown> = {}) => ({
    campaignId,
    inspectedAt: '2025-07-10T09:30:00+08:00',
    summary: '对燃气灶生产线的出厂检验记录和原材料进货查验进行了全面自查',
    findings: [
      { problem: '出厂检验记录不全', measure: '补齐记录并培训检验员', done: true },
      { problem: '部分原材料无合格证明', measure: '更换供应商并留存证明', done: false },
    ],
    ...overrides,
  });
  const submit = async (as: { token: string }, overrides: Record<string, unknown> = {}) => {
    const { status, body } = await stack.call('POST', '/api/self-inspections', {
      as,
      body: input(overrides),
    });
    if (status !== 201)
      throw new Error(`self-inspection failed: ${status} ${JSON.stringify(body)}`);
    return body as { id: string };
  };

  it('records an enterprise user’s self-inspection for their enterprise and unit, audited', async () => {
    const { status, body } = await stack.call('POST', '/api/self-inspections', {
      as: member,
      body: input({ inspectedAt: '2025-07-01' }),
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      campaignId,
      enterpriseId: ours.id,
      enterpriseName: ours.name,
      unitId: pudong,
      unitName: '浦东新区市场监督管理局',
      inspectedAt: '2025-07-01T00:00:00+08:00',
      findingCount: 2,
      openFindingCount: 1,
      createdById: member.id,
    });
    expect(body.findings[1]).toEqual({
      problem: '部分原材料无合格证明',
      measure: '更换供应商并留存证明',
      done: false,
    });
    const stored = await stack.api.db.prisma.selfInspection.findUniqueOrThrow({
      where: { id: body.id },
    });
    expect(stored.inspectedAt.toISOString()).toBe('2025-06-30T16:00:00.000Z');
    expect(stored).toMatchObject({ unitId: pudong, enterpriseId: ours.id, campaignId });
    expect(stored.findings).toHaveLength(2);
    const audit = await stack.api.db.prisma.auditLog.findMany({ where: { entityId: body.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'create',
      entity: 'self_inspection',
      actorRole: 'enterprise_user',
      unitId: pudong,
    });
    expect((audit[0]!.after as { summary: string }).summary).toBe(input().summary);
  });

  it('lets only an enterprise user bound to an enterprise submit', async () => {
    const before = await count();
    for (const as of ['unitOfficer', 'cityAdmin', 'citySupervisor', 'enterpriseUser'] as const) {
      const { status, body } = await stack.call('POST', '/api/self-inspections', {
        as,
        body: input(),
      });
      expect(status).toBe(403);
      expect(body.error.code).toBe('FORBIDDEN');
    }
    expect(await count()).toBe(before);
  });

  it.each([
    ['an unknown campaign', { campaignId: 'no-such-campaign' }, ['campaignId']],
    ['an inspection date that is not a date', { inspectedAt: '上周三' }, ['inspectedAt']],
    ['an inspection in the future', { inspectedAt: '2099-01-01' }, ['inspectedAt']],
    ['an empty summary', { summary: '   ' }, ['summary']],
    [
      'a finding with a wrong type and a missing measure',
      { findings: [{ problem: '标识不全', done: 'yes' }] },
      ['findings.0.measure', 'findings.0.done'],
    ],
    ['findings that are not a list', { findings: '无' }, ['findings']],
    ['an unknown field', { enterpriseId: 'someone-else' }, ['(root)']],
    ['no campaign', { campaignId: undefined }, ['campaignId']],
  ])('rejects %s with 400, writing nothing', async (_what, overrides, paths) => {
    const before = await count();
    const { status, body } = await stack.call('POST', '/api/self-inspections', {
      as: member,
      body: input(overrides),
    });
    expect(status).toBe(400);
    expect(body.error.issues.map((i: { path: string }) => i.path)).toEqual(paths);
    expect(body.error.issues[0].message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await count()).toBe(before);
  });

  it('rejects malformed JSON with 400', async () => {
    const before = await count();
    const malformed = await stack.call('POST', '/api/self-inspections', {
      as: member,
      rawBody: '{"campaignId": ',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('MALFORMED_JSON');
    expect(await count()).toBe(before);
  });

  it('shows each user only what their scope allows', async () => {
    const own = await submit(member, { inspectedAt: '2025-07-20' });
    const other = await submit(otherMember, { inspectedAt: '2025-07-21' });
    const ids = async (as: Caller) =>
      (await stack.call('GET', '/api/self-inspections?pageSize=200', { as })).body.items.map(
        (s: { id: string }) => s.id,
      );

    const memberIds = await ids(member);
    expect(memberIds).toContain(own.id);
    expect(memberIds).not.toContain(other.id);
    expect(
      (await stack.call('GET', `/api/self-inspections/${other.id}`, { as: member })).status,
    ).toBe(404);
    expect(
      (await stack.call('GET', `/api/self-inspections/${own.id}`, { as: member })).status,
    ).toBe(200);

    const pudongIds = await ids('unitOfficer');
    expect(pudongIds).toContain(own.id);
    expect(pudongIds).not.toContain(other.id);
    expect(
      (await stack.call('GET', `/api/self-inspections/${other.id}`, { as: 'unitOfficer' })).status,
    ).toBe(404);
    // Naming another unit in the filter does not widen an officer's scope.
    const widened = await stack.call('GET', `/api/self-inspections?unit=${huangpu}`, {
      as: 'unitOfficer',
    });
    expect(widened.body.total).toBe(0);

    const huangpuIds = await ids(huangpuOfficer);
    expect(huangpuIds).toEqual([other.id]);
    const fetched = await stack.call('GET', `/api/self-inspections/${other.id}`, {
      as: huangpuOfficer,
    });
    expect(fetched.body.unitId).toBe(huangpu);

    const cityIds = await ids('citySupervisor');
    expect(cityIds).toEqual(expect.arrayContaining([own.id, other.id]));
    const unbound = await stack.call('GET', '/api/self-inspections', { as: 'enterpriseUser' });
    expect(unbound.status).toBe(403);
  });

  it('filters by unit, enterprise, campaign, open findings and China-time dates, and sorts', async () => {
    const early = await submit(member, {
      inspectedAt: '2025-08-31T23:30:00+08:00',
      findings: [{ problem: '警示标识缺失', measure: '补贴标识', done: false }],
    });
    const late = await submit(member, {
      inspectedAt: '2025-09-01T00:30:00+08:00',
      findings: [{ problem: '台账不全', measure: '补全台账', done: true }],
    });
    const september = await stack.call(
      'GET',
      `/api/self-inspections?enterprise=${ours.id}&from=2025-09-01&to=2025-09-30`,
      { as: 'cityAdmin' },
    );
    expect(september.body.items.map((s: { id: string }) => s.id)).toEqual([late.id]);
    const august = await stack.call(
      'GET',
      `/api/self-inspections?enterprise=${ours.id}&from=2025-08-31&to=2025-08-31`,
      { as: 'cityAdmin' },
    );
    expect(august.body.items.map((s: { id: string }) => s.id)).toEqual([early.id]);

    const open = await stack.call('GET', '/api/self-inspections?openFindings=true&pageSize=200', {
      as: 'unitOfficer',
    });
    const openIds = open.body.items.map((s: { id: string }) => s.id);
    expect(openIds).toContain(early.id);
    expect(openIds).not.toContain(late.id);
    expect(open.body.items.every((s: { openFindingCount: number }) => s.openFindingCount > 0)).toBe(
      true,
    );
    const closed = await stack.call(
      'GET',
      '/api/self-inspections?openFindings=false&pageSize=200',
      {
        as: 'unitOfficer',
      },
    );
    expect(closed.body.items.map((s: { id: string }) => s.id)).toContain(late.id);
    expect(
      closed.body.items.every((s: { openFindingCount: number }) => s.openFindingCount === 0),
    ).toBe(true);

    const byUnit = await stack.call('GET', `/api/self-inspections?unit=${pudong}&pageSize=200`, {
      as: 'citySupervisor',
    });
    expect(byUnit.body.items.every((s: { unitId: string }) => s.unitId === pudong)).toBe(true);
    expect(byUnit.body.total).toBeGreaterThanOrEqual(3);
    const byCampaign = await stack.call('GET', '/api/self-inspections?campaign=other-campaign', {
      as: 'citySupervisor',
    });
    expect(byCampaign.body.total).toBe(0);

    const ascending = await stack.call(
      'GET',
      `/api/self-inspections?enterprise=${ours.id}&sort=inspectedAt&pageSize=200`,
      { as: 'cityAdmin' },
    );
    const times = ascending.body.items.map((s: { inspectedAt: string }) =>
      Date.parse(s.inspectedAt),
    );
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const descending = await stack.call(
      'GET',
      `/api/self-inspections?enterprise=${ours.id}&pageSize=1`,
      { as: 'cityAdmin' },
    );
    expect(descending.body.items[0].id).toBe(late.id);
    expect(descending.body.total).toBe(ascending.body.total);
    const badSort = await stack.call('GET', '/api/self-inspections?sort=summary', {
      as: 'cityAdmin',
    });
    expect(badSort.status).toBe(400);
    expect(badSort.body.error.issues[0].path).toBe('sort');
  });

  it('is described in /openapi.json', async () => {
    const spec = await stack.call('GET', '/openapi.json', { as: null });
    expect(Object.keys(spec.body.paths['/api/self-inspections']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(spec.body.paths['/api/self-inspections/{id}'])).toEqual(['get']);
    expect(spec.body.components.schemas).toHaveProperty('CreateSelfInspection');
  });

  // Last: the server closes the connection after refusing the body, so nothing follows it here.
  it('rejects an oversized payload with 413, writing nothing', async () => {
    const before = await count();
    const huge = await stack.call('POST', '/api/self-inspections', {
      as: member,
      body: input({ summary: '查'.repeat(600_000) }),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await count()).toBe(before);
  });
});
