import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../support/databases.js';
import {
  createEnterprise,
  createUser,
  enterpriseInput,
  unitId,
  validCreditCode,
} from '../support/fixtures.js';
import { startTestStack, type TestStack } from '../support/stack.js';

describe.each(DATABASE_KINDS)('enterprise register on %s', (database) => {
  let stack: TestStack;
  let pudong: string;
  let huangpuOfficer: { token: string };

  beforeAll(async () => {
    stack = await startTestStack({ database, worker: false });
    pudong = await unitId(stack, 'pudong');
    huangpuOfficer = await createUser(stack, { role: 'unit_officer', unitCode: 'huangpu' });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const count = () => stack.api.db.prisma.enterprise.count();

  it('registers an enterprise in the officer’s own unit, with contacts, and audits it', async () => {
    const input = enterpriseInput({ creditCode: validCreditCode().toLowerCase() });
    const { status, body } = await stack.call('POST', '/api/enterprises', {
      as: 'unitOfficer',
      body: input,
    });
    expect(status).toBe(201);
    expect(body.unitId).toBe(pudong);
    expect(body.unitName).toBe('浦东新区市场监督管理局');
    expect(body.creditCode).toBe(input.creditCode.toUpperCase());
    expect(body.contacts).toEqual([
      { name: '张三', phone: null, email: 'zhangsan@example.com', isPrimary: true },
    ]);
    expect(body.version).toBe(1);
    const audit = await stack.api.db.prisma.auditLog.findMany({ where: { entityId: body.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', entity: 'enterprise', unitId: pudong });
    expect((audit[0]!.after as { name: string }).name).toBe(input.name);
  });

  it.each([
    ['too short', '9131011512345', '统一社会信用代码应为 18 位'],
    ['a letter not used in codes', '91310115MA1K4B8XOJ', '非法字符'],
    ['a wrong check character', '91310115MA1K4B8X7C', '校验位不正确'],
  ])('rejects a credit code %s, writing nothing', async (_what, creditCode, message) => {
    const before = await count();
    const { status, body } = await stack.call('POST', '/api/enterprises', {
      as: 'unitOfficer',
      body: enterpriseInput({ creditCode }),
    });
    expect(status).toBe(400);
    expect(body.error.issues).toEqual([
      { path: 'creditCode', message: expect.stringContaining(message) },
    ]);
    expect(await count()).toBe(before);
  });

  it('rejects an enterprise that neither produces nor sells, and wrong types', async () => {
    const neither = await stack.call('POST', '/api/enterprises', {
      as: 'unitOfficer',
      body: enterpriseInput({ isProducer: false, isSeller: false }),
    });
    expect(neither.status).toBe(400);
    expect(neither.body.error.issues[0].path).toBe('isProducer');
    const wrongType = await stack.call('POST', '/api/enterprises', {
      as: 'unitOfficer',
      body: enterpriseInput({ class: 'D', contacts: [{ name: '李四', email: 'not-an-email' }] }),
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'class',
      'contacts.0.email',
    ]);
  });

  it('refuses a second registration of the same credit code', async () => {
    const first = await createEnterprise(stack, 'unitOfficer');
    const { status, body } = await stack.call('POST', '/api/enterprises', {
      as: huangpuOfficer,
      body: enterpriseInput({ creditCode: first.creditCode }),
    });
    expect(status).toBe(409);
    expect(body.error.message).toContain(first.creditCode);
    // Another unit's enterprise is not named to the officer who tried.
    expect(body.error.message).not.toContain(first.name);
  });

  it('keeps each unit to its own register; city roles see all', async () => {
    const ours = await createEnterprise(stack, 'unitOfficer');
    const theirs = await createEnterprise(stack, huangpuOfficer);

    const listed = await stack.call('GET', '/api/enterprises?pageSize=200', { as: 'unitOfficer' });
    const ids = listed.body.items.map((e: { id: string }) => e.id);
    expect(ids).toContain(ours.id);
    expect(ids).not.toContain(theirs.id);
    expect(listed.body.items.every((e: { unitId: string }) => e.unitId === pudong)).toBe(true);

    expect(
      (await stack.call('GET', `/api/enterprises/${theirs.id}`, { as: 'unitOfficer' })).status,
    ).toBe(404);
    const patched = await stack.call('PATCH', `/api/enterprises/${theirs.id}`, {
      as: 'unitOfficer',
      body: { version: 1, name: '被篡改的名称' },
    });
    expect(patched.status).toBe(404);
    const unchanged = await stack.api.db.prisma.enterprise.findUniqueOrThrow({
      where: { id: theirs.id },
    });
    expect(unchanged.name).toBe(theirs.name);

    const city = await stack.call('GET', `/api/enterprises?pageSize=200&unit=${theirs.unitId}`, {
      as: 'citySupervisor',
    });
    expect(city.body.items.map((e: { id: string }) => e.id)).toContain(theirs.id);
  });

  it('lets an officer register only for their own unit, and the supervisor not at all', async () => {
    const huangpu = await unitId(stack, 'huangpu');
    const other = await stack.call('POST', '/api/enterprises', {
      as: 'unitOfficer',
      body: enterpriseInput({ unitId: huangpu }),
    });
    expect(other.status).toBe(403);
    const supervisor = await stack.call('POST', '/api/enterprises', {
      as: 'citySupervisor',
      body: enterpriseInput(),
    });
    expect(supervisor.status).toBe(403);
    const admin = await stack.call('POST', '/api/enterprises', {
      as: 'cityAdmin',
      body: enterpriseInput({ unitId: huangpu }),
    });
    expect(admin.status).toBe(201);
    expect(admin.body.unitId).toBe(huangpu);
  });

  it('shows an enterprise user their own enterprise only', async () => {
    const own = await createEnterprise(stack, 'unitOfficer');
    const other = await createEnterprise(stack, 'unitOfficer');
    const user = await createUser(stack, { role: 'enterprise_user', enterpriseId: own.id });
    const list = await stack.call('GET', '/api/enterprises', { as: user });
    expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([own.id]);
    expect((await stack.call('GET', `/api/enterprises/${other.id}`, { as: user })).status).toBe(
      404,
    );
    const write = await stack.call('PATCH', `/api/enterprises/${own.id}`, {
      as: user,
      body: { version: 1, name: '自改名称' },
    });
    expect(write.status).toBe(403);
  });

  it('updates with the current version, and gives the loser of a concurrent edit 409', async () => {
    const enterprise = await createEnterprise(stack, 'unitOfficer');
    const path = `/api/enterprises/${enterprise.id}`;
    const [a, b] = await Promise.all([
      stack.call('PATCH', path, { as: 'unitOfficer', body: { version: 1, class: 'A' } }),
      stack.call('PATCH', path, { as: 'unitOfficer', body: { version: 1, class: 'C' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? a : b;
    expect(winner.body.version).toBe(2);
    const stored = await stack.api.db.prisma.enterprise.findUniqueOrThrow({
      where: { id: enterprise.id },
    });
    expect(stored.class).toBe(winner.body.class);

    const stale = await stack.call('PATCH', path, {
      as: 'unitOfficer',
      body: { version: 1, class: 'B' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('CONFLICT');

    const audits = await stack.api.db.prisma.auditLog.findMany({
      where: { entityId: enterprise.id, action: 'update' },
    });
    expect(audits).toHaveLength(1);
    expect((audits[0]!.before as { class: string | null }).class).toBeNull();
  });

  it('filters by key objects, category and search text, and sorts', async () => {
    const flagged = await createEnterprise(stack, 'unitOfficer', {
      name: '重点对象测试企业',
      failedSpotCheckLastYear: true,
      categoryCodes: ['ebike_chargers_batteries'],
    });
    const key = await stack.call('GET', '/api/enterprises?keyObject=true&pageSize=200', {
      as: 'cityAdmin',
    });
    expect(key.body.items.map((e: { id: string }) => e.id)).toContain(flagged.id);
    expect(
      key.body.items.every(
        (e: { failedSpotCheckLastYear: boolean; manyComplaints: boolean }) =>
          e.failedSpotCheckLastYear || e.manyComplaints,
      ),
    ).toBe(true);
    const byCategory = await stack.call(
      'GET',
      '/api/enterprises?category=ebike_chargers_batteries',
      {
        as: 'cityAdmin',
      },
    );
    expect(byCategory.body.items.map((e: { id: string }) => e.id)).toEqual([flagged.id]);
    const search = await stack.call('GET', `/api/enterprises?q=${encodeURIComponent('重点对象')}`, {
      as: 'cityAdmin',
    });
    expect(search.body.total).toBe(1);
    const sorted = await stack.call('GET', '/api/enterprises?sort=-createdAt&pageSize=2&page=1', {
      as: 'cityAdmin',
    });
    expect(sorted.body.items[0].id).toBe(flagged.id);
    expect(sorted.body.pageSize).toBe(2);
    const badSort = await stack.call('GET', '/api/enterprises?sort=password', { as: 'cityAdmin' });
    expect(badSort.status).toBe(400);
    expect(badSort.body.error.issues[0].path).toBe('sort');
  });
});
