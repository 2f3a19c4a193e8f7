import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../support/databases.js';
import { createEnterprise, createUser, unitId } from '../support/fixtures.js';
import { startTestStack, type TestStack } from '../support/stack.js';

describe.each(DATABASE_KINDS)('units on %s', (database) => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ database, worker: false });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('lists the city division and the 18 implementing units in the city’s order', async () => {
    const { status, body } = await stack.call('GET', '/api/units', { as: 'unitOfficer' });
    expect(status).toBe(200);
    expect(body.items).toHaveLength(19);
    expect(body.items.map((u: { order: number }) => u.order)).toEqual(
      Array.from({ length: 19 }, (_, i) => i),
    );
    expect(body.items[0]).toMatchObject({
      code: 'city',
      name: '上海市市场监督管理局产品质量安全监督管理处',
      kind: 'city_division',
      kindName: '市局业务处室',
      implementing: false,
    });
    const pudong = body.items.find((u: { code: string }) => u.code === 'pudong');
    expect(pudong).toMatchObject({
      name: '浦东新区市场监督管理局',
      shortName: '浦东新区',
      kind: 'district',
      kindName: '区市场监督管理局',
      implementing: true,
      order: 11,
    });
    expect(body.items.slice(-2).map((u: { shortName: string }) => u.shortName)).toEqual([
      '临港新片区',
      '机场分局',
    ]);
    expect(body.items.slice(-1)[0].kindName).toBe('特定区域监管单位');
    expect(body.items.filter((u: { implementing: boolean }) => u.implementing)).toHaveLength(18);
  });

  it('shows one unit by id to any signed-in user, and 404 for an unknown id', async () => {
    const huangpu = await unitId(stack, 'huangpu');
    const enterprise = await createEnterprise(stack, 'unitOfficer');
    const enterpriseUser = await createUser(stack, {
      role: 'enterprise_user',
      enterpriseId: enterprise.id,
    });
    for (const as of ['cityAdmin', 'citySupervisor', 'unitOfficer', enterpriseUser] as const) {
      const { status, body } = await stack.call('GET', `/api/units/${huangpu}`, { as });
      expect(status).toBe(200);
      expect(body).toMatchObject({ id: huangpu, code: 'huangpu', name: '黄浦区市场监督管理局' });
    }
    const missing = await stack.call('GET', '/api/units/no-such-unit', { as: 'unitOfficer' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });

  it('requires a valid token', async () => {
    expect((await stack.call('GET', '/api/units', { as: null })).status).toBe(401);
    expect((await stack.call('GET', '/api/units', { as: { token: 'hcm_forged' } })).status).toBe(
      401,
    );
  });

  it('offers no route that changes units, and documents the two it has', async () => {
    const huangpu = await unitId(stack, 'huangpu');
    for (const [method, path] of [
      ['POST', '/api/units'],
      ['PATCH', `/api/units/${huangpu}`],
      ['DELETE', `/api/units/${huangpu}`],
    ] as const) {
      const { status } = await stack.call(method, path, { body: { name: '改名' } });
      expect([404, 405]).toContain(status);
    }
    const stored = await stack.api.db.prisma.unit.findUniqueOrThrow({ where: { id: huangpu } });
    expect(stored.name).toBe('黄浦区市场监督管理局');
    const spec = await stack.call('GET', '/openapi.json', { as: null });
    expect(Object.keys(spec.body.paths['/api/units'])).toEqual(['get']);
    expect(Object.keys(spec.body.paths['/api/units/{id}'])).toEqual(['get']);
    expect(spec.body.components.schemas.Unit.properties).toHaveProperty('kindName');
  });
});
