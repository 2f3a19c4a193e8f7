import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../support/databases.js';
import { createEnterprise, createUser } from '../support/fixtures.js';
import { startTestStack, type TestStack } from '../support/stack.js';

/** Today's calendar date in China (the audit log's from/to are Asia/Shanghai dates). */
const shanghaiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describe.each(DATABASE_KINDS)('audit log on %s', (database) => {
  let stack: TestStack;
  let enterprise: { id: string; name: string; unitId: string };
  let officerId: string;

  beforeAll(async () => {
    stack = await startTestStack({ database, worker: false });
    enterprise = await createEnterprise(stack, 'unitOfficer');
    const updated = await stack.call('PATCH', `/api/enterprises/${enterprise.id}`, {
      as: 'unitOfficer',
      body: { version: 1, class: 'B' },
    });
    if (updated.status !== 200) throw new Error(`setup update failed: ${updated.status}`);
    officerId = (
      await stack.api.db.prisma.user.findFirstOrThrow({ where: { seedKey: 'demo:unitOfficer' } })
    ).id;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const entriesOf = (
    id: string,
    extra = '',
    as: 'cityAdmin' | 'citySupervisor' = 'citySupervisor',
  ) => stack.call('GET', `/api/audit-log?entity=enterprise&entityId=${id}${extra}`, { as });

  it('shows who changed what, when, before and after, newest first', async () => {
    const { status, body } = await entriesOf(enterprise.id);
    expect(status).toBe(200);
    expect(body.total).toBe(2);
    expect(body.items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    const [update, create] = body.items;
    expect(update).toMatchObject({
      entity: 'enterprise',
      entityId: enterprise.id,
      unitId: enterprise.unitId,
      actor: {
        id: officerId,
        name: '浦东新区监管员（演示）',
        role: 'unit_officer',
        roleName: '实施单位工作人员',
      },
      reason: null,
    });
    expect(update.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?\+08:00$/);
    expect(update.before).toMatchObject({ class: null, version: 1 });
    expect(update.after).toMatchObject({ class: 'B', version: 2 });
    expect(create.before).toBeNull();
    expect(create.after).toMatchObject({ name: enterprise.name });

    const ascending = await entriesOf(enterprise.id, '&sort=at');
    expect(ascending.body.items.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'update',
    ]);
    const one = await stack.call('GET', `/api/audit-log/${update.id}`, { as: 'cityAdmin' });
    expect(one.status).toBe(200);
    expect(one.body).toEqual(update);
    expect((await stack.call('GET', '/api/audit-log/no-such-entry')).status).toBe(404);
  });

  it('filters by actor, action, unit and China-time dates, and paginates', async () => {
    const byAction = await entriesOf(enterprise.id, '&action=create');
    expect(byAction.body.items.map((e: { action: string }) => e.action)).toEqual(['create']);
    const byActor = await stack.call('GET', `/api/audit-log?actor=${officerId}&pageSize=200`, {
      as: 'citySupervisor',
    });
    expect(byActor.body.total).toBeGreaterThanOrEqual(2);
    expect(
      byActor.body.items.every((e: { actor: { id: string } }) => e.actor.id === officerId),
    ).toBe(true);
    const admin = await stack.api.db.prisma.user.findFirstOrThrow({
      where: { seedKey: 'demo:cityAdmin' },
    });
    expect((await entriesOf(enterprise.id, `&actor=${admin.id}`)).body.total).toBe(0);
    const byUnit = await stack.call('GET', `/api/audit-log?unit=${enterprise.unitId}&pageSize=200`);
    expect(byUnit.body.items.map((e: { entityId: string }) => e.entityId)).toContain(enterprise.id);
    expect(byUnit.body.items.every((e: { unitId: string }) => e.unitId === enterprise.unitId)).toBe(
      true,
    );

    const today = shanghaiToday();
    expect((await entriesOf(enterprise.id, `&from=${today}&to=${today}`)).body.total).toBe(2);
    expect((await entriesOf(enterprise.id, '&from=2000-01-01&to=2000-12-31')).body.total).toBe(0);
    expect((await entriesOf(enterprise.id, `&from=${today}`)).body.total).toBe(2);

    const paged = await entriesOf(enterprise.id, '&pageSize=1&page=2');
    expect(paged.body).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(paged.body.items.map((e: { action: string }) => e.action)).toEqual(['create']);
  });

  it.each([
    ['an unknown sort field', '?sort=actorId', 'sort'],
    ['a malformed date', '?from=2027-13-01', 'from'],
    ['a page of zero', '?page=0', 'page'],
  ])('answers 400 for %s', async (_what, query, path) => {
    const { status, body } = await stack.call('GET', `/api/audit-log${query}`);
    expect(status).toBe(400);
    expect(body.error.issues.map((i: { path: string }) => i.path)).toEqual([path]);
  });

  it('is readable by city roles only', async () => {
    const member = await createUser(stack, {
      role: 'enterprise_user',
      enterpriseId: enterprise.id,
    });
    for (const as of ['unitOfficer', 'enterpriseUser', member, 'service'] as const) {
      const { status, body } = await stack.call('GET', '/api/audit-log', { as });
      expect(status).toBe(403);
      expect(body.error.code).toBe('FORBIDDEN');
    }
    expect((await stack.call('GET', '/api/audit-log', { as: null })).status).toBe(401);
    expect((await stack.call('GET', '/api/audit-log', { as: 'cityAdmin' })).status).toBe(200);
  });

  it('is append-only: the API offers no way to change or delete an entry', async () => {
    const entry = await stack.api.db.prisma.auditLog.findFirstOrThrow({
      where: { entityId: enterprise.id, action: 'create' },
    });
    const before = await stack.api.db.prisma.auditLog.count();
    for (const [method, path] of [
      ['POST', '/api/audit-log'],
      ['PUT', '/api/audit-log'],
      ['PATCH', '/api/audit-log'],
      ['DELETE', '/api/audit-log'],
      ['PUT', `/api/audit-log/${entry.id}`],
      ['PATCH', `/api/audit-log/${entry.id}`],
      ['DELETE', `/api/audit-log/${entry.id}`],
    ] as const) {
      const { status } = await stack.call(method, path, {
        as: 'cityAdmin',
        body: { action: 'tampered', after: null },
      });
      expect([404, 405]).toContain(status);
    }
    expect(await stack.api.db.prisma.auditLog.count()).toBe(before);
    const unchanged = await stack.api.db.prisma.auditLog.findUniqueOrThrow({
      where: { id: entry.id },
    });
    expect(unchanged).toEqual(entry);

    const spec = await stack.call('GET', '/openapi.json', { as: null });
    expect(Object.keys(spec.body.paths['/api/audit-log'])).toEqual(['get']);
    expect(Object.keys(spec.body.paths['/api/audit-log/{id}'])).toEqual(['get']);
    expect(spec.body.components.schemas).toHaveProperty('AuditEntry');
  });
});
