import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign, createEnterprise, unitId } from '../support/fixtures.js';
import { startTestStack, type TestStack } from '../support/stack.js';

// The JSON routes of the city workbench: 挂牌督办 records, escalation actions, token no-store.

const DAY = 24 * 60 * 60 * 1000;
const iso = (days: number) => new Date(Date.now() + days * DAY).toISOString();

describe('city workbench API', () => {
  let stack: TestStack;
  let huangpu: string;
  let hazard: { id: string; deadline: string };

  beforeAll(async () => {
    stack = await startTestStack({ database: 'pglite', worker: false });
    huangpu = await unitId(stack, 'huangpu');
    const campaign = await createCampaign(stack, 2034);
    const enterprise = await createEnterprise(stack, 'unitOfficer');
    const created = await stack.call('POST', '/api/hazards', {
      as: 'unitOfficer',
      body: {
        campaignId: campaign.id,
        enterpriseId: enterprise.id,
        categoryId: campaign.categoryId('gas_appliances'),
        source: 'inspection',
        problemType: 'other',
        severity: 'general',
        description: '标识不全',
        measure: '补全标识',
        responsiblePerson: '李四',
        foundAt: iso(-10),
        deadline: iso(-4),
      },
    });
    expect(created.status).toBe(201);
    hazard = created.body;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('keeps each listing with its items and deadline, and its lifting', async () => {
    const bad = await stack.call('POST', `/api/units/${huangpu}/listed-supervision`, {
      body: { listed: true, reason: 'x', deadline: '2020-01-01' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('deadline');
    const denied = await stack.call('POST', `/api/units/${huangpu}/listed-supervision`, {
      as: 'citySupervisor',
      body: { listed: true, reason: 'x' },
    });
    expect(denied.status).toBe(403);
    const listed = await stack.call('POST', `/api/units/${huangpu}/listed-supervision`, {
      body: { listed: true, reason: '隐患集中', items: ['清零'], deadline: '2099-12-31' },
    });
    expect(listed.status).toBe(200);
    expect(listed.body.listedSupervision).toBe(true);
    expect(listed.body.listing).toMatchObject({ items: ['清零'], deadlineDate: '2099-12-31' });
    const lifted = await stack.call('POST', `/api/units/${huangpu}/listed-supervision`, {
      body: { listed: false, reason: '已整改' },
    });
    expect(lifted.body.listing).toBeNull();
    expect(lifted.body.listings[0]).toMatchObject({ liftReason: '已整改', reason: '隐患集中' });
  });

  it('records escalation actions for the city only, once the hazard is escalated', async () => {
    const path = `/api/hazards/${hazard.id}/escalation-actions`;
    const early = await stack.call('POST', path, { body: { instruction: '督办' } });
    expect(early.status).toBe(409);
    const mark = await stack.call('POST', `/api/internal/hazards/${hazard.id}/escalation`, {
      as: 'service',
      body: { at: iso(-1), deadline: hazard.deadline },
    });
    expect(mark.status).toBe(200);
    expect(
      (await stack.call('POST', path, { as: 'unitOfficer', body: { instruction: 'x' } })).status,
    ).toBe(403);
    expect((await stack.call('POST', path, { as: 'citySupervisor', body: {} })).status).toBe(400);
    const ok = await stack.call('POST', path, {
      as: 'citySupervisor',
      body: { instruction: '约谈企业', followUpDate: '2099-01-01' },
    });
    expect(ok.status).toBe(201);
    const detail = await stack.call('GET', `/api/hazards/${hazard.id}`, { as: 'unitOfficer' });
    expect(detail.body.escalationActions).toHaveLength(1);
    expect((await stack.call('GET', path, { as: 'enterpriseUser' })).status).toBe(404);
    const audit = await stack.call('GET', `/api/audit-log?entity=hazard&pageSize=50`);
    expect(JSON.stringify(audit.body)).toContain('escalation_action');
  });

  it('answers a token issue with Cache-Control: no-store', async () => {
    const me = await stack.call('GET', '/api/me', { as: 'unitOfficer' });
    const response = await fetch(`${stack.api.url}/api/users/${me.body.id}/tokens`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${stack.tokens.cityAdmin}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ label: '测试' }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
