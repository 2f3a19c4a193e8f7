import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../support/databases.js';
import { createCampaign, createEnterprise, createUser, unitId } from '../support/fixtures.js';
import { startTestStack, type Caller, type TestStack } from '../support/stack.js';

describe.each(DATABASE_KINDS)('enterprise commitments on %s', (database) => {
  let stack: TestStack;
  let campaignId: string;
  let pudong: string;
  let ours: { id: string; name: string };
  let theirs: { id: string };
  let member: { id: string; token: string };
  let otherMember: { token: string };
  let huangpuOfficer: { token: string };

  beforeAll(async () => {
    stack = await startTestStack({ database, worker: false });
    campaignId = (await createCampaign(stack, 2025)).id;
    pudong = await unitId(stack, 'pudong');
    huangpuOfficer = await createUser(stack, { role: 'unit_officer', unitCode: 'huangpu' });
    ours = await createEnterprise(stack, 'unitOfficer');
    theirs = await createEnterprise(stack, huangpuOfficer);
    member = await createUser(stack, { role: 'enterprise_user', enterpriseId: ours.id });
    otherMember = await createUser(stack, { role: 'enterprise_user', enterpriseId: theirs.id });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const count = () => stack.api.db.prisma.commitment.count();
  const input = (overrides: Record<string, unknown> = {}) => ({
    campaignId,
    text: '本企业承诺落实质量安全主体责任，严格出厂检验，不生产销售不合格产品。',
    signedBy: '李四（法定代表人）',
    signedAt: '2025-06-15T10:00:00+08:00',
    ...overrides,
  });
  const sign = async (as: { token: string }, overrides: Record<string, unknown> = {}) => {
    const { status, body } = await stack.call('POST', '/api/commitments', {
      as,
      body: input(overrides),
    });
    if (status !== 201) throw new Error(`commitment failed: ${status} ${JSON.stringify(body)}`);
    return body as { id: string };
  };

  it('records an enterprise’s commitment for its own unit, audited', async () => {
    const { status, body } = await stack.call('POST', '/api/commitments', {
      as: member,
      body: input({ signedAt: '2025-06-01' }),
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      campaignId,
      enterpriseId: ours.id,
      enterpriseName: ours.name,
      unitId: pudong,
      unitName: '浦东新区市场监督管理局',
      text: input().text,
      signedBy: '李四（法定代表人）',
      signedAt: '2025-06-01T00:00:00+08:00',
      createdById: member.id,
    });
    const stored = await stack.api.db.prisma.commitment.findUniqueOrThrow({
      where: { id: body.id },
    });
    expect(stored.signedAt.toISOString()).toBe('2025-05-31T16:00:00.000Z');
    expect(stored).toMatchObject({ unitId: pudong, enterpriseId: ours.id, createdById: member.id });
    const audit = await stack.api.db.prisma.auditLog.findMany({ where: { entityId: body.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'create',
      entity: 'commitment',
      actorRole: 'enterprise_user',
      unitId: pudong,
    });
    expect((audit[0]!.after as { signedBy: string }).signedBy).toBe('李四（法定代表人）');
  });

  it('lets only an enterprise user bound to an enterprise sign', async () => {
    const before = await count();
    for (const as of ['unitOfficer', 'cityAdmin', 'citySupervisor', 'enterpriseUser'] as const) {
      const { status } = await stack.call('POST', '/api/commitments', { as, body: input() });
      expect(status).toBe(403);
    }
    expect(await count()).toBe(before);
  });

  it.each([
    ['an unknown campaign', { campaignId: 'no-such-campaign' }, ['campaignId']],
    ['an empty text', { text: '' }, ['text']],
    ['a signer of the wrong type', { signedBy: 12 }, ['signedBy']],
    ['a signing time in the wrong format', { signedAt: '2025/06/15' }, ['signedAt']],
    ['a signing time in the future', { signedAt: '2099-06-15T10:00:00+08:00' }, ['signedAt']],
    ['an unknown field', { enterpriseId: 'someone-else' }, ['(root)']],
  ])('rejects %s with 400, writing nothing', async (_what, overrides, paths) => {
    const before = await count();
    const { status, body } = await stack.call('POST', '/api/commitments', {
      as: member,
      body: input(overrides),
    });
    expect(status).toBe(400);
    expect(body.error.issues.map((i: { path: string }) => i.path)).toEqual(paths);
    expect(body.error.issues[0].message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await count()).toBe(before);
  });

  it('rejects malformed JSON', async () => {
    const before = await count();
    const { status, body } = await stack.call('POST', '/api/commitments', {
      as: member,
      rawBody: '{"text": "承诺',
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe('MALFORMED_JSON');
    expect(await count()).toBe(before);
  });

  it('shows each user only what their scope allows', async () => {
    const own = await sign(member);
    const other = await sign(otherMember);
    const ids = async (as: Caller) =>
      (await stack.call('GET', '/api/commitments?pageSize=200', { as })).body.items.map(
        (c: { id: string }) => c.id,
      );
    for (const [as, visible, hidden] of [
      [member, own.id, other.id],
      ['unitOfficer', own.id, other.id],
      [otherMember, other.id, own.id],
      [huangpuOfficer, other.id, own.id],
    ] as const) {
      const listed = await ids(as);
      expect(listed).toContain(visible);
      expect(listed).not.toContain(hidden);
      expect((await stack.call('GET', `/api/commitments/${visible}`, { as })).status).toBe(200);
      expect((await stack.call('GET', `/api/commitments/${hidden}`, { as })).status).toBe(404);
    }
    for (const as of ['cityAdmin', 'citySupervisor'] as const) {
      expect(await ids(as)).toEqual(expect.arrayContaining([own.id, other.id]));
    }
    expect((await stack.call('GET', '/api/commitments', { as: 'enterpriseUser' })).status).toBe(
      403,
    );
    expect((await stack.call('GET', '/api/commitments', { as: null })).status).toBe(401);
  });

  it('filters by enterprise, unit, campaign and China-time dates, and sorts', async () => {
    const june30 = await sign(member, { signedAt: '2025-06-30T23:59:00+08:00' });
    const july1 = await sign(member, { signedAt: '2025-07-01T00:30:00+08:00' });
    const july = await stack.call(
      'GET',
      `/api/commitments?enterprise=${ours.id}&from=2025-07-01&to=2025-07-31`,
      { as: 'citySupervisor' },
    );
    expect(july.body.items.map((c: { id: string }) => c.id)).toEqual([july1.id]);
    const june30Only = await stack.call(
      'GET',
      `/api/commitments?enterprise=${ours.id}&from=2025-06-30&to=2025-06-30`,
      { as: 'citySupervisor' },
    );
    expect(june30Only.body.items.map((c: { id: string }) => c.id)).toEqual([june30.id]);

    const byUnit = await stack.call('GET', `/api/commitments?unit=${pudong}&pageSize=200`, {
      as: 'cityAdmin',
    });
    expect(byUnit.body.total).toBeGreaterThanOrEqual(4);
    expect(byUnit.body.items.every((c: { unitId: string }) => c.unitId === pudong)).toBe(true);
    const byCampaign = await stack.call(`GET`, `/api/commitments?campaign=${campaignId}`, {
      as: 'cityAdmin',
    });
    expect(byCampaign.body.total).toBeGreaterThanOrEqual(5);
    expect(
      (await stack.call('GET', '/api/commitments?campaign=another', { as: 'cityAdmin' })).body
        .total,
    ).toBe(0);

    const newest = await stack.call('GET', `/api/commitments?enterprise=${ours.id}&pageSize=1`, {
      as: 'cityAdmin',
    });
    expect(newest.body.items[0].id).toBe(july1.id);
    const oldest = await stack.call(
      'GET',
      `/api/commitments?enterprise=${ours.id}&sort=signedAt&pageSize=1`,
      { as: 'cityAdmin' },
    );
    expect(oldest.body.items[0].signedAt).toBe('2025-06-01T00:00:00+08:00');
    const bad = await stack.call('GET', '/api/commitments?sort=text', { as: 'cityAdmin' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('sort');
  });

  it('is described in /openapi.json', async () => {
    const spec = await stack.call('GET', '/openapi.json', { as: null });
    expect(Object.keys(spec.body.paths['/api/commitments']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(spec.body.paths['/api/commitments/{id}'])).toEqual(['get']);
    expect(spec.body.components.schemas).toHaveProperty('CreateCommitment');
  });

  // Last: the server closes the connection after refusing the body, so nothing follows it here.
  it('rejects an oversized payload with 413, writing nothing', async () => {
    const before = await count();
    const { status, body } = await stack.call('POST', '/api/commitments', {
      as: member,
      body: input({ text: '诺'.repeat(600_000) }),
    });
    expect(status).toBe(413);
    expect(body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await count()).toBe(before);
  });
});
