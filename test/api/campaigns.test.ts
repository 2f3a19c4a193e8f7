import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/ports.js';
import { DATABASE_KINDS } from '../support/databases.js';
import { startTestStack, waitFor, type TestStack } from '../support/stack.js';

describe.each(DATABASE_KINDS)('campaigns API on %s with the real Temporal server', (database) => {
  let stack: TestStack;
  const campaignCount = () => stack.api.db.prisma.campaign.count();

  beforeAll(async () => {
    stack = await startTestStack({ database });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('reports itself healthy', async () => {
    const { status, body } = await stack.call('GET', '/health', { as: null });
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok', database: 'ok', temporal: 'ok' });
  });

  it('creates a campaign with its materialised calendar and starts its workflow', async () => {
    const { status, body } = await stack.call('POST', '/api/campaigns', {
      body: { template: 'shanghai-2023', year: 2027 },
    });
    expect(status).toBe(201);
    expect(body.workflowId).toBe(`campaign-${body.id}`);
    expect(body.startsAt).toBe('2027-06-01T00:00:00+08:00');
    expect(body.endsAt).toBe('2027-11-01T00:00:00+08:00');
    expect(body.phases.map((p: { key: string; startsAt: string }) => [p.key, p.startsAt])).toEqual([
      ['deployment', '2027-06-01T00:00:00+08:00'],
      ['investigation', '2027-07-01T00:00:00+08:00'],
      ['resolution', '2027-09-01T00:00:00+08:00'],
      ['consolidation', '2027-10-01T00:00:00+08:00'],
    ]);
    const due = body.deadlines.map(
      (d: { kind: string; dueDate: string }) => `${d.kind}:${d.dueDate}`,
    );
    expect(due).toEqual([
      'monthly_statistics:2027-06-30',
      'monthly_statistics:2027-07-31',
      'phase_summary:2027-08-15',
      'monthly_statistics:2027-08-31',
      'monthly_statistics:2027-09-30',
      'monthly_statistics:2027-10-31',
      'annual_summary:2027-11-15',
    ]);
    // The campaign owns a copy of the template's 20 categories, in the table's order.
    const categories = await stack.api.db.prisma.productCategory.findMany({
      where: { campaignId: body.id },
      orderBy: { order: 'asc' },
    });
    expect(categories).toHaveLength(20);
    expect(categories[0]!.name).toBe('危险化学品');

    const fetched = await stack.call('GET', `/api/campaigns/${body.id}`, { as: 'unitOfficer' });
    expect(fetched.status).toBe(200);
    expect(fetched.body.phase).toEqual({ key: 'not_started', name: '未开始', source: 'workflow' });
    const list = await stack.call('GET', '/api/campaigns', { as: 'citySupervisor' });
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(body.id);
  });

  it('refuses a second campaign of the same template and year', async () => {
    const before = await campaignCount();
    const { status, body } = await stack.call('POST', '/api/campaigns', {
      body: { template: 'shanghai-2023', year: 2027 },
    });
    expect(status).toBe(409);
    expect(body.error.code).toBe('CAMPAIGN_EXISTS');
    expect(await campaignCount()).toBe(before);
  });

  it.each([
    ['a year of the wrong type', { template: 'shanghai-2023', year: '2027' }, 'year'],
    ['a year out of range', { template: 'shanghai-2023', year: 1999 }, 'year'],
    ['an unknown template', { template: 'beijing-2023', year: 2028 }, 'template'],
    ['an unknown field', { template: 'shanghai-2023', year: 2028, colour: 'red' }, '(root)'],
    [
      'a non-positive demo speed',
      { template: 'shanghai-2023', year: 2028, demo: { secondsPerDay: 0 } },
      'demo.secondsPerDay',
    ],
  ])('rejects %s with 400 naming the field, writing nothing', async (_what, payload, field) => {
    const before = await campaignCount();
    const { status, body } = await stack.call('POST', '/api/campaigns', { body: payload });
    expect(status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.issues.map((i: { path: string }) => i.path)).toContain(field);
    expect(body.error.issues.every((i: { message: string }) => i.message.length > 0)).toBe(true);
    expect(await campaignCount()).toBe(before);
  });

  it('rejects malformed JSON and oversized bodies', async () => {
    const before = await campaignCount();
    const malformed = await stack.call('POST', '/api/campaigns', {
      rawBody: '{"template": "shanghai-2023",',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('MALFORMED_JSON');
    const huge = await stack.call('POST', '/api/campaigns', {
      as: 'cityAdmin',
      rawBody: JSON.stringify({
        template: 'shanghai-2023',
        year: 2028,
        padding: 'x'.repeat(1_100_000),
      }),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await campaignCount()).toBe(before);
  });

  it('requires a valid token and the city admin role to create', async () => {
    const anonymous = await stack.call('POST', '/api/campaigns', {
      as: null,
      body: { template: 'shanghai-2023', year: 2028 },
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
    const officer = await stack.call('POST', '/api/campaigns', {
      as: 'unitOfficer',
      body: { template: 'shanghai-2023', year: 2028 },
    });
    expect(officer.status).toBe(403);
    expect(officer.body.error.code).toBe('FORBIDDEN');
  });

  it('answers 404 for an unknown campaign and an unknown route', async () => {
    const campaign = await stack.call('GET', '/api/campaigns/no-such-campaign');
    expect(campaign.status).toBe(404);
    expect(campaign.body.error.code).toBe('NOT_FOUND');
    const route = await stack.call('GET', '/api/nothing-here');
    expect(route.status).toBe(404);
  });

  it('lets only the worker record phase changes, never moving backwards', async () => {
    const created = await stack.call('POST', '/api/campaigns', {
      body: { template: 'shanghai-2023', year: 2029 },
    });
    const path = `/api/campaigns/${created.body.id}/phase-changes`;
    const at = '2029-09-01T00:00:00+08:00';
    const byAdmin = await stack.call('POST', path, { body: { state: 'resolution', at } });
    expect(byAdmin.status).toBe(403);
    const forward = await stack.call('POST', path, {
      as: 'service',
      body: { state: 'resolution', at },
    });
    expect(forward.body).toEqual({ state: 'resolution' });
    const again = await stack.call('POST', path, {
      as: 'service',
      body: { state: 'resolution', at },
    });
    expect(again.body).toEqual({ state: 'resolution' });
    const back = await stack.call('POST', path, {
      as: 'service',
      body: { state: 'deployment', at: '2029-06-01T00:00:00+08:00' },
    });
    expect(back.body).toEqual({ state: 'resolution' });
    const row = await stack.api.db.prisma.campaign.findUniqueOrThrow({
      where: { id: created.body.id },
    });
    expect(row.phase).toBe('resolution');
    expect(row.phaseChangedAt?.toISOString()).toBe('2029-08-31T16:00:00.000Z');
  });

  it('moves a compressed campaign through all four phases to closed', async () => {
    // 0.05 s per calendar day: June–October (153 days) passes in under 8 seconds.
    const { status, body } = await stack.call('POST', '/api/campaigns', {
      body: { template: 'shanghai-2023', year: 2030, demo: { secondsPerDay: 0.05 } },
    });
    expect(status).toBe(201);
    expect(body.demo).toEqual({ secondsPerDay: 0.05 });
    const seen = new Set<string>();
    const final = await waitFor(
      async () => {
        const { body: current } = await stack.call('GET', `/api/campaigns/${body.id}`);
        seen.add(current.phase.key);
        return current.phase.key === 'closed' ? current : undefined;
      },
      { timeoutMs: 45_000, intervalMs: 100, what: 'the demo campaign to close' },
    );
    expect(final.phase.source).toBe('workflow');
    expect(seen.has('investigation') || seen.has('resolution')).toBe(true);
    // Every phase was recorded through the API, in calendar order.
    const entered = final.phases.map((p: { enteredAt: string | null }) => p.enteredAt);
    expect(entered.every((e: string | null) => e !== null)).toBe(true);
    expect([...entered].sort()).toEqual(entered);
    const row = await stack.api.db.prisma.campaign.findUniqueOrThrow({ where: { id: body.id } });
    expect(row.phase).toBe('closed');
  });

  it('describes its routes in the OpenAPI document and serves the docs page offline', async () => {
    const { status, body } = await stack.call('GET', '/openapi.json', { as: null });
    expect(status).toBe(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/health',
        '/api/campaigns',
        '/api/campaigns/{id}',
        '/api/campaigns/{id}/phase-changes',
      ]),
    );
    expect(body.components.schemas.CreateCampaign.required).toEqual(['template', 'year']);
    const page = await fetch(`${stack.api.url}/docs`);
    expect(await page.text()).toContain('/docs/assets/swagger-ui-bundle.js');
    const asset = await fetch(`${stack.api.url}/docs/assets/swagger-ui-bundle.js`);
    expect(asset.status).toBe(200);
    expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
  });
});

describe('when Temporal is unreachable', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      database: 'pglite',
      worker: false,
      temporalAddress: `127.0.0.1:${await freePort()}`,
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('reports 503 naming Temporal as down', async () => {
    const { status, body } = await stack.call('GET', '/health', { as: null });
    expect(status).toBe(503);
    expect(body).toEqual({ status: 'degraded', database: 'ok', temporal: 'down' });
  });

  it('creates no campaign and says the workflow service is unavailable', async () => {
    const { status, body } = await stack.call('POST', '/api/campaigns', {
      body: { template: 'shanghai-2023', year: 2027 },
    });
    expect(status).toBe(503);
    expect(body.error.code).toBe('DEPENDENCY_UNAVAILABLE');
    expect(await stack.api.db.prisma.campaign.count()).toBe(0);
  });
});
