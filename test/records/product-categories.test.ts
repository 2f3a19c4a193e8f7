import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../support/databases.js';
import { createCampaign } from '../support/fixtures.js';
import { startTestStack, type TestStack } from '../support/stack.js';

describe.each(DATABASE_KINDS)('product categories on %s', (database) => {
  let stack: TestStack;
  let campaign: Awaited<ReturnType<typeof createCampaign>>;

  beforeAll(async () => {
    stack = await startTestStack({ database, worker: false });
    campaign = await createCampaign(stack, 2025);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const count = () => stack.api.db.prisma.productCategory.count();
  const productCount = () => stack.api.db.prisma.product.count();
  const newCategory = (overrides: Record<string, unknown> = {}) => ({
    campaignId: campaign.id,
    code: 'lithium_batteries',
    name: '锂离子电池',
    products: ['移动电源', '储能电池'],
    ...overrides,
  });

  it('lists the shanghai-2023 template by default, in the statistics table’s order', async () => {
    const { status, body } = await stack.call('GET', '/api/product-categories', {
      as: 'enterpriseUser',
    });
    expect(status).toBe(200);
    expect(body.items).toHaveLength(20);
    expect(body.items.map((c: { order: number }) => c.order)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(body.items[0]).toMatchObject({
      code: 'hazardous_chemicals',
      name: '危险化学品',
      templateCode: 'shanghai-2023',
      campaignId: null,
      origin: 'national',
      originName: '国家重点产品',
    });
    expect(body.items[0].products.map((p: { name: string }) => p.name)).toEqual([
      '溶解乙炔',
      '工业过氧化氢',
      '六氟化硫',
      '丙烯酸',
      '环氧乙烷',
      '液氯',
    ]);
    expect(body.items.slice(-2).map((c: { origin: string }) => c.origin)).toEqual([
      'shanghai',
      'shanghai',
    ]);
    const explicit = await stack.call('GET', '/api/product-categories?template=shanghai-2023', {
      as: 'unitOfficer',
    });
    expect(explicit.body.items.map((c: { id: string }) => c.id)).toEqual(
      body.items.map((c: { id: string }) => c.id),
    );
  });

  it('lists a campaign’s own copy of the categories', async () => {
    const { status, body } = await stack.call(
      'GET',
      `/api/product-categories?campaign=${campaign.id}`,
      { as: 'unitOfficer' },
    );
    expect(status).toBe(200);
    expect(body.items.length).toBeGreaterThanOrEqual(20);
    expect(body.items[0]).toMatchObject({
      id: campaign.categoryId('hazardous_chemicals'),
      campaignId: campaign.id,
      templateCode: null,
    });
    const one = await stack.call(
      'GET',
      `/api/product-categories/${campaign.categoryId('gas_appliances')}`,
      { as: 'citySupervisor' },
    );
    expect(one.status).toBe(200);
    expect(one.body.name).toBe('燃气用品');
    expect(one.body.products).toHaveLength(6);
    expect((await stack.call('GET', '/api/product-categories/nope')).status).toBe(404);
  });

  it.each([
    ['an unknown campaign', '?campaign=no-such-campaign', 'campaign'],
    ['an unknown template', '?template=beijing-2099', 'template'],
    ['both a campaign and a template', '?campaign=x&template=shanghai-2023', 'template'],
  ])('answers 400 for %s', async (_what, query, path) => {
    const { status, body } = await stack.call('GET', `/api/product-categories${query}`);
    expect(status).toBe(400);
    expect(body.error.issues.map((i: { path: string }) => i.path)).toEqual([path]);
  });

  it('lets the city admin add a category to a campaign, audited', async () => {
    const { status, body } = await stack.call('POST', '/api/product-categories', {
      body: newCategory(),
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      campaignId: campaign.id,
      code: 'lithium_batteries',
      name: '锂离子电池',
      order: 21,
      origin: 'shanghai',
      originName: '本市增加产品',
    });
    expect(body.products.map((p: { name: string; order: number }) => [p.name, p.order])).toEqual([
      ['移动电源', 1],
      ['储能电池', 2],
    ]);
    const stored = await stack.api.db.prisma.productCategory.findUniqueOrThrow({
      where: { id: body.id },
      include: { products: { orderBy: { order: 'asc' } } },
    });
    expect(stored.products.map((p) => p.name)).toEqual(['移动电源', '储能电池']);
    const list = await stack.call('GET', `/api/product-categories?campaign=${campaign.id}`);
    expect(list.body.items.at(-1).id).toBe(body.id);
    // The template is untouched.
    const template = await stack.call('GET', '/api/product-categories');
    expect(template.body.items).toHaveLength(20);

    const audit = await stack.api.db.prisma.auditLog.findMany({ where: { entityId: body.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'create',
      entity: 'product_category',
      actorRole: 'city_admin',
    });
    expect((audit[0]!.after as { code: string }).code).toBe('lithium_batteries');
  });

  it('refuses a code already used in the campaign with 409, writing nothing', async () => {
    const before = await count();
    for (const code of ['cement', 'wires_cables']) {
      const { status, body } = await stack.call('POST', '/api/product-categories', {
        body: newCategory({ code, products: [] }),
      });
      expect(status).toBe(409);
      expect(body.error.message).toContain(code);
    }
    expect(await count()).toBe(before);
  });

  it.each([
    ['a code with capitals and spaces', { code: 'Bad Code' }, ['code']],
    [
      'a duplicated product',
      { code: 'dup_products', products: ['甲', '乙', '甲'] },
      ['products.2'],
    ],
    ['an order of the wrong type', { code: 'typed', order: '3' }, ['order']],
    ['an unknown origin', { code: 'origin_x', origin: 'beijing' }, ['origin']],
    ['no product list', { code: 'no_list', products: undefined }, ['products']],
    ['an unknown field', { code: 'extra', colour: 'red' }, ['(root)']],
    ['an empty name', { code: 'empty_name', name: '  ' }, ['name']],
    ['an unknown campaign', { code: 'orphan', campaignId: 'no-such-campaign' }, ['campaignId']],
  ])('rejects %s with 400, writing nothing', async (_what, overrides, paths) => {
    const [before, products] = [await count(), await productCount()];
    const { status, body } = await stack.call('POST', '/api/product-categories', {
      body: newCategory(overrides),
    });
    expect(status).toBe(400);
    expect(body.error.issues.map((i: { path: string }) => i.path)).toEqual(paths);
    expect(body.error.issues[0].message).toMatch(/[\u4e00-\u9fa5]/);
    expect([await count(), await productCount()]).toEqual([before, products]);
  });

  it('rejects malformed JSON', async () => {
    const before = await count();
    const { status, body } = await stack.call('POST', '/api/product-categories', {
      rawBody: '{"campaignId": "x", "code": ',
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe('MALFORMED_JSON');
    expect(await count()).toBe(before);
  });

  it('lets only the city admin add or change categories', async () => {
    const before = await count();
    const target = campaign.categoryId('cement');
    for (const as of ['citySupervisor', 'unitOfficer', 'enterpriseUser'] as const) {
      const post = await stack.call('POST', '/api/product-categories', {
        as,
        body: newCategory({ code: `by_${as.toLowerCase()}` }),
      });
      expect(post.status).toBe(403);
      const patch = await stack.call('PATCH', `/api/product-categories/${target}`, {
        as,
        body: { name: '被篡改' },
      });
      expect(patch.status).toBe(403);
    }
    expect(await count()).toBe(before);
    const stored = await stack.api.db.prisma.productCategory.findUniqueOrThrow({
      where: { id: target },
    });
    expect(stored.name).toBe('水泥');
  });

  it('renames, reorders and replaces the products of a campaign category, audited', async () => {
    const id = campaign.categoryId('gas_appliances');
    const kept = await stack.api.db.prisma.product.findFirstOrThrow({
      where: { categoryId: id, name: '燃气泄漏报警器' },
    });
    const { status, body } = await stack.call('PATCH', `/api/product-categories/${id}`, {
      body: {
        name: '燃气用品（含报警器）',
        order: 15,
        products: ['燃气泄漏报警器', '家用燃气灶', '燃气自闭阀'],
      },
    });
    expect(status).toBe(200);
    expect(body.name).toBe('燃气用品（含报警器）');
    expect(body.order).toBe(15);
    expect(body.products.map((p: { name: string }) => p.name)).toEqual([
      '燃气泄漏报警器',
      '家用燃气灶',
      '燃气自闭阀',
    ]);
    expect(body.products[0].id).toBe(kept.id);
    const stored = await stack.api.db.prisma.product.findMany({
      where: { categoryId: id },
      orderBy: { order: 'asc' },
    });
    expect(stored.map((p) => p.name)).toEqual(['燃气泄漏报警器', '家用燃气灶', '燃气自闭阀']);
    const audit = await stack.api.db.prisma.auditLog.findMany({
      where: { entityId: id, action: 'update' },
    });
    expect(audit).toHaveLength(1);
    expect((audit[0]!.before as { name: string; products: unknown[] }).name).toBe('燃气用品');
    expect((audit[0]!.before as { products: unknown[] }).products).toHaveLength(6);
    expect((audit[0]!.after as { products: unknown[] }).products).toHaveLength(3);
  });

  it('refuses to change a template row, an unknown id, or an empty change', async () => {
    const template = await stack.api.db.prisma.productCategory.findFirstOrThrow({
      where: { templateCode: 'shanghai-2023', code: 'cement' },
    });
    const locked = await stack.call('PATCH', `/api/product-categories/${template.id}`, {
      body: { name: '改模板' },
    });
    expect(locked.status).toBe(403);
    expect(locked.body.error.message).toContain('模板');
    const stored = await stack.api.db.prisma.productCategory.findUniqueOrThrow({
      where: { id: template.id },
    });
    expect(stored.name).toBe('水泥');

    const missing = await stack.call('PATCH', '/api/product-categories/no-such-id', {
      body: { name: 'x' },
    });
    expect(missing.status).toBe(404);
    const empty = await stack.call(
      'PATCH',
      `/api/product-categories/${campaign.categoryId('cement')}`,
      { body: {} },
    );
    expect(empty.status).toBe(400);
    expect(empty.body.error.issues[0].message).toContain('至少');
    const badOrder = await stack.call(
      'PATCH',
      `/api/product-categories/${campaign.categoryId('cement')}`,
      { body: { order: 0 } },
    );
    expect(badOrder.status).toBe(400);
    expect(badOrder.body.error.issues[0].path).toBe('order');
    const audits = await stack.api.db.prisma.auditLog.count({
      where: { entityId: { in: [template.id, campaign.categoryId('cement')] } },
    });
    expect(audits).toBe(0);
  });

  it('is described in /openapi.json', async () => {
    const spec = await stack.call('GET', '/openapi.json', { as: null });
    expect(Object.keys(spec.body.paths['/api/product-categories']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(spec.body.paths['/api/product-categories/{id}']).sort()).toEqual([
      'get',
      'patch',
    ]);
    expect(spec.body.components.schemas).toHaveProperty('CreateProductCategory');
  });
});
