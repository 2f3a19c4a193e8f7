import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../api/lib/tokens.js';
import { DATABASE_KINDS } from '../support/databases.js';
import { createEnterprise, createUser, unitId } from '../support/fixtures.js';
import { startTestStack, type TestStack } from '../support/stack.js';

describe.each(DATABASE_KINDS)('users and tokens on %s', (database) => {
  let stack: TestStack;
  let huangpu: string;
  let city: string;

  beforeAll(async () => {
    stack = await startTestStack({ database, worker: false });
    huangpu = await unitId(stack, 'huangpu');
    city = await unitId(stack, 'city');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const userCount = () => stack.api.db.prisma.user.count();
  const tokenCount = () => stack.api.db.prisma.apiToken.count();

  /** A user and a token for them, both through the API. */
  async function userWithToken(body: Record<string, unknown>) {
    const created = await stack.call('POST', '/api/users', { body });
    expect(created.status).toBe(201);
    const issued = await stack.call('POST', `/api/users/${created.body.id}/tokens`, {
      body: { label: '测试令牌' },
    });
    expect(issued.status).toBe(201);
    return {
      user: created.body as { id: string },
      tokenId: issued.body.id as string,
      token: issued.body.token as string,
    };
  }

  it('tells every signed-in user who they are', async () => {
    const admin = await stack.call('GET', '/api/me', { as: 'cityAdmin' });
    expect(admin.status).toBe(200);
    expect(admin.body).toMatchObject({
      role: 'city_admin',
      roleName: '市局管理员',
      unit: { id: city, shortName: '市局质量处', kind: 'city_division' },
      enterprise: null,
    });
    const officer = await stack.call('GET', '/api/me', { as: 'unitOfficer' });
    expect(officer.body).toMatchObject({
      role: 'unit_officer',
      roleName: '实施单位工作人员',
      unit: { name: '浦东新区市场监督管理局' },
    });
    const enterprise = await createEnterprise(stack, 'unitOfficer');
    const member = await createUser(stack, {
      role: 'enterprise_user',
      enterpriseId: enterprise.id,
    });
    const me = await stack.call('GET', '/api/me', { as: member });
    expect(me.body).toMatchObject({
      id: member.id,
      role: 'enterprise_user',
      roleName: '企业用户',
      unit: null,
      enterprise: { id: enterprise.id, name: enterprise.name, unitId: enterprise.unitId },
    });
    expect((await stack.call('GET', '/api/me', { as: null })).status).toBe(401);
    expect((await stack.call('GET', '/api/me', { as: { token: 'hcm_nothing' } })).status).toBe(401);
  });

  it('creates a unit officer, issues a token shown once and stores only its hash', async () => {
    const created = await stack.call('POST', '/api/users', {
      body: {
        name: '黄浦监管员',
        email: 'officer@huangpu.example',
        role: 'unit_officer',
        unitId: huangpu,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: '黄浦监管员',
      email: 'officer@huangpu.example',
      role: 'unit_officer',
      roleName: '实施单位工作人员',
      unit: { id: huangpu, shortName: '黄浦' },
      enterprise: null,
      disabled: false,
    });
    const stored = await stack.api.db.prisma.user.findUniqueOrThrow({
      where: { id: created.body.id },
    });
    expect(stored).toMatchObject({ role: 'unit_officer', unitId: huangpu, disabledAt: null });

    const issued = await stack.call('POST', `/api/users/${created.body.id}/tokens`, {
      body: { label: '黄浦数据对接' },
    });
    expect(issued.status).toBe(201);
    const { token } = issued.body as { token: string };
    expect(token).toMatch(/^hcm_[A-Za-z0-9_-]{40,}$/);
    expect(issued.body).toMatchObject({
      userId: created.body.id,
      label: '黄浦数据对接',
      revokedAt: null,
    });

    const row = await stack.api.db.prisma.apiToken.findUniqueOrThrow({
      where: { id: issued.body.id },
    });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const audit = await stack.api.db.prisma.auditLog.findMany({
      where: { entityId: { in: [created.body.id, issued.body.id] } },
      orderBy: { at: 'asc' },
    });
    expect(audit.map((a) => [a.entity, a.action])).toEqual([
      ['user', 'create'],
      ['api_token', 'issue'],
    ]);
    expect(audit[0]!.unitId).toBe(huangpu);
    const auditText = JSON.stringify(await stack.api.db.prisma.auditLog.findMany());
    expect(auditText).not.toContain(token);
    expect(auditText).not.toContain(row.tokenHash);

    // The new token works, as the new user, within their unit.
    const me = await stack.call('GET', '/api/me', { as: { token } });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: created.body.id, unit: { id: huangpu } });

    // The detail lists the token without its secret.
    const detail = await stack.call('GET', `/api/users/${created.body.id}`);
    expect(detail.body.tokens).toEqual([
      {
        id: issued.body.id,
        userId: created.body.id,
        label: '黄浦数据对接',
        createdAt: expect.stringMatching(/\+08:00$/),
        revokedAt: null,
      },
    ]);
    expect(JSON.stringify(detail.body)).not.toContain(row.tokenHash);
  });

  it('creates city and enterprise users bound as their role requires', async () => {
    const supervisor = await stack.call('POST', '/api/users', {
      body: { name: '市局督导二', role: 'city_supervisor' },
    });
    expect(supervisor.status).toBe(201);
    expect(supervisor.body.unit.id).toBe(city);
    const enterprise = await createEnterprise(stack, 'unitOfficer');
    const member = await stack.call('POST', '/api/users', {
      body: { name: '企业联系人二', role: 'enterprise_user', enterpriseId: enterprise.id },
    });
    expect(member.status).toBe(201);
    expect(member.body).toMatchObject({
      unit: null,
      enterprise: { id: enterprise.id, creditCode: enterprise.creditCode },
    });
    const stored = await stack.api.db.prisma.user.findUniqueOrThrow({
      where: { id: member.body.id },
    });
    expect(stored.enterpriseId).toBe(enterprise.id);
  });

  it('revokes a token: it then gets 401; revoking again changes nothing', async () => {
    const { tokenId, token } = await userWithToken({
      name: '待吊销',
      role: 'unit_officer',
      unitId: huangpu,
    });
    expect((await stack.call('GET', '/api/units', { as: { token } })).status).toBe(200);
    const revoked = await stack.call('DELETE', `/api/tokens/${tokenId}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toMatch(/\+08:00$/);
    const stored = await stack.api.db.prisma.apiToken.findUniqueOrThrow({ where: { id: tokenId } });
    expect(stored.revokedAt).not.toBeNull();
    const after = await stack.call('GET', '/api/me', { as: { token } });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');

    const again = await stack.call('DELETE', `/api/tokens/${tokenId}`);
    expect(again.status).toBe(200);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
    const audits = await stack.api.db.prisma.auditLog.findMany({
      where: { entityId: tokenId, action: 'revoke' },
    });
    expect(audits).toHaveLength(1);
    expect((audits[0]!.before as { revokedAt: string | null }).revokedAt).toBeNull();
    expect((await stack.call('DELETE', '/api/tokens/no-such-token')).status).toBe(404);
  });

  it('disables a user: their tokens get 401 until re-enabled', async () => {
    const { user, token } = await userWithToken({ name: '待停用', role: 'city_supervisor' });
    const disabled = await stack.call('PATCH', `/api/users/${user.id}`, {
      body: { disabled: true },
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabled).toBe(true);
    expect(disabled.body.disabledAt).toMatch(/\+08:00$/);
    expect((await stack.call('GET', '/api/me', { as: { token } })).status).toBe(401);

    const before = await tokenCount();
    const refused = await stack.call('POST', `/api/users/${user.id}/tokens`, {
      body: { label: '停用后签发' },
    });
    expect(refused.status).toBe(409);
    expect(await tokenCount()).toBe(before);

    const enabled = await stack.call('PATCH', `/api/users/${user.id}`, {
      body: { disabled: false, name: '已恢复' },
    });
    expect(enabled.status).toBe(200);
    expect(enabled.body).toMatchObject({ disabled: false, disabledAt: null, name: '已恢复' });
    expect((await stack.call('GET', '/api/me', { as: { token } })).status).toBe(200);
    const audits = await stack.api.db.prisma.auditLog.findMany({
      where: { entityId: user.id, action: 'update' },
      orderBy: { at: 'asc' },
    });
    expect(audits.map((a) => (a.after as { disabled: boolean }).disabled)).toEqual([true, false]);
    expect((audits[1]!.before as { name: string }).name).toBe('待停用');
  });

  it.each([
    ['a service account', { name: '服务', role: 'service' }, ['role']],
    ['an unknown role', { name: '某人', role: 'mayor' }, ['role']],
    ['an officer without a unit', { name: '某人', role: 'unit_officer' }, ['unitId']],
    ['a city role with a unit', { name: '某人', role: 'city_admin', unitId: 'x' }, ['unitId']],
    [
      'an enterprise user without enterprise',
      { name: '某人', role: 'enterprise_user' },
      ['enterpriseId'],
    ],
    [
      'an officer bound to an enterprise',
      { name: '某人', role: 'unit_officer', unitId: 'x', enterpriseId: 'y' },
      ['enterpriseId'],
    ],
    ['a bad email', { name: '某人', role: 'city_supervisor', email: 'not-an-email' }, ['email']],
    ['an empty name', { name: ' ', role: 'city_supervisor' }, ['name']],
    ['a name of the wrong type', { name: 42, role: 'city_supervisor' }, ['name']],
    ['an unknown field', { name: '某人', role: 'city_supervisor', password: 'x' }, ['(root)']],
    ['an unknown unit', { name: '某人', role: 'unit_officer', unitId: 'no-such-unit' }, ['unitId']],
    [
      'an unknown enterprise',
      { name: '某人', role: 'enterprise_user', enterpriseId: 'nope' },
      ['enterpriseId'],
    ],
  ])('rejects %s with 400, creating nobody', async (_what, body, paths) => {
    const before = await userCount();
    const { status, body: answer } = await stack.call('POST', '/api/users', { body });
    expect(status).toBe(400);
    expect(answer.error.issues.map((i: { path: string }) => i.path)).toEqual(paths);
    expect(answer.error.issues[0].message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await userCount()).toBe(before);
  });

  it('rejects an officer bound to the city division, malformed JSON and bad token labels', async () => {
    const [users, tokens] = [await userCount(), await tokenCount()];
    const cityOfficer = await stack.call('POST', '/api/users', {
      body: { name: '某人', role: 'unit_officer', unitId: city },
    });
    expect(cityOfficer.status).toBe(400);
    expect(cityOfficer.body.error.issues[0].path).toBe('unitId');
    const malformed = await stack.call('POST', '/api/users', { rawBody: '{"name": "某' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('MALFORMED_JSON');
    const officer = await stack.api.db.prisma.user.findFirstOrThrow({
      where: { seedKey: 'demo:unitOfficer' },
    });
    for (const body of [{ label: '' }, { label: 7 }, {}, { label: 'ok', token: 'mine' }]) {
      const bad = await stack.call('POST', `/api/users/${officer.id}/tokens`, { body });
      expect(bad.status).toBe(400);
    }
    expect([await userCount(), await tokenCount()]).toEqual([users, tokens]);
  });

  it('is for the city admin (and, for enterprise accounts, unit officers); others get 403 and nothing changes', async () => {
    const target = await stack.api.db.prisma.user.findFirstOrThrow({
      where: { seedKey: 'demo:unitOfficer' },
    });
    const token = await stack.api.db.prisma.apiToken.findFirstOrThrow({
      where: { userId: target.id, revokedAt: null },
    });
    const [users, tokens] = [await userCount(), await tokenCount()];
    for (const as of ['citySupervisor', 'enterpriseUser'] as const) {
      const calls = [
        stack.call('GET', '/api/users', { as }),
        stack.call('GET', `/api/users/${target.id}`, { as }),
        stack.call('POST', '/api/users', { as, body: { name: '越权', role: 'city_admin' } }),
        stack.call('PATCH', `/api/users/${target.id}`, { as, body: { disabled: true } }),
        stack.call('POST', `/api/users/${target.id}/tokens`, { as, body: { label: '越权' } }),
        stack.call('DELETE', `/api/tokens/${token.id}`, { as }),
      ];
      for (const { status } of await Promise.all(calls)) expect(status).toBe(403);
    }
    // Issue #9: a unit officer manages only the enterprise accounts of their unit's enterprises,
    // so a staff account is out of their scope (404), creating one is forbidden (403), and the
    // list holds enterprise accounts only.
    const as = 'unitOfficer';
    const officerCalls = await Promise.all([
      stack.call('GET', `/api/users/${target.id}`, { as }),
      stack.call('POST', '/api/users', { as, body: { name: '越权', role: 'city_admin' } }),
      stack.call('PATCH', `/api/users/${target.id}`, { as, body: { disabled: true } }),
      stack.call('POST', `/api/users/${target.id}/tokens`, { as, body: { label: '越权' } }),
      stack.call('DELETE', `/api/tokens/${token.id}`, { as }),
    ]);
    expect(officerCalls.map((r) => r.status)).toEqual([404, 403, 404, 404, 404]);
    const officerList = await stack.call('GET', '/api/users?pageSize=200', { as });
    expect(officerList.status).toBe(200);
    expect(
      officerList.body.items.every((u: { role: string }) => u.role === 'enterprise_user'),
    ).toBe(true);
    expect([await userCount(), await tokenCount()]).toEqual([users, tokens]);
    const unchanged = await stack.api.db.prisma.apiToken.findUniqueOrThrow({
      where: { id: token.id },
    });
    expect(unchanged.revokedAt).toBeNull();
    expect(
      (await stack.api.db.prisma.user.findUniqueOrThrow({ where: { id: target.id } })).disabledAt,
    ).toBeNull();
  });

  it('protects the service account and the admin’s own account', async () => {
    const service = await stack.api.db.prisma.user.findFirstOrThrow({ where: { role: 'service' } });
    const serviceToken = await stack.api.db.prisma.apiToken.findFirstOrThrow({
      where: { userId: service.id },
    });
    expect(
      (await stack.call('PATCH', `/api/users/${service.id}`, { body: { disabled: true } })).status,
    ).toBe(403);
    expect(
      (await stack.call('POST', `/api/users/${service.id}/tokens`, { body: { label: 'x' } }))
        .status,
    ).toBe(403);
    expect((await stack.call('DELETE', `/api/tokens/${serviceToken.id}`)).status).toBe(403);
    expect((await stack.call('GET', '/api/me', { as: 'service' })).status).toBe(200);

    const admin = await stack.api.db.prisma.user.findFirstOrThrow({
      where: { seedKey: 'demo:cityAdmin' },
    });
    const self = await stack.call('PATCH', `/api/users/${admin.id}`, { body: { disabled: true } });
    expect(self.status).toBe(400);
    expect(self.body.error.issues[0].path).toBe('disabled');
    expect((await stack.call('PATCH', '/api/users/nobody', { body: { name: 'x' } })).status).toBe(
      404,
    );
    expect(
      (await stack.call('POST', '/api/users/nobody/tokens', { body: { label: 'x' } })).status,
    ).toBe(404);
    const empty = await stack.call('PATCH', `/api/users/${admin.id}`, { body: {} });
    expect(empty.status).toBe(400);
  });

  it('lists users with filters, sorting and pagination', async () => {
    await stack.call('POST', '/api/users', {
      body: { name: '筛选-黄浦甲', role: 'unit_officer', unitId: huangpu },
    });
    const officers = await stack.call('GET', '/api/users?role=unit_officer&pageSize=200');
    expect(officers.status).toBe(200);
    expect(officers.body.items.length).toBeGreaterThanOrEqual(2);
    expect(officers.body.items.every((u: { role: string }) => u.role === 'unit_officer')).toBe(
      true,
    );
    const inHuangpu = await stack.call('GET', `/api/users?unit=${huangpu}&sort=name&pageSize=200`);
    expect(inHuangpu.body.items.every((u: { unit: { id: string } }) => u.unit.id === huangpu)).toBe(
      true,
    );
    const names = inHuangpu.body.items.map((u: { name: string }) => u.name);
    expect(names).toContain('筛选-黄浦甲');
    expect(names).toEqual([...names].sort());
    const search = await stack.call('GET', `/api/users?q=${encodeURIComponent('筛选-黄浦')}`);
    expect(search.body.total).toBe(1);
    const paged = await stack.call('GET', '/api/users?pageSize=1&page=2&sort=-createdAt');
    expect(paged.body.items).toHaveLength(1);
    expect(paged.body.total).toBe(await userCount());
    const enabled = await stack.call('GET', '/api/users?disabled=false&pageSize=200');
    expect(enabled.body.items.every((u: { disabled: boolean }) => !u.disabled)).toBe(true);
    expect((await stack.call('GET', '/api/users?role=mayor')).status).toBe(400);
    expect((await stack.call('GET', '/api/users?sort=tokenHash')).status).toBe(400);
  });

  it('is described in /openapi.json', async () => {
    const spec = await stack.call('GET', '/openapi.json', { as: null });
    expect(Object.keys(spec.body.paths['/api/users']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(spec.body.paths['/api/users/{id}']).sort()).toEqual(['get', 'patch']);
    expect(Object.keys(spec.body.paths['/api/users/{id}/tokens'])).toEqual(['post']);
    expect(Object.keys(spec.body.paths['/api/tokens/{id}'])).toEqual(['delete']);
    expect(Object.keys(spec.body.paths['/api/me'])).toEqual(['get']);
  });
});
