import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnterprise } from '../support/fixtures.js';
import { startTestStack, type TestStack } from '../support/stack.js';

// A demo campaign's calendar is compressed (here one calendar day per minute): its "June" is the
// first half hour after it starts, and the statistics table must count by that calendar too.
describe('statistics of a compressed demo campaign', () => {
  let stack: TestStack;
  let campaignId: string;

  beforeAll(async () => {
    stack = await startTestStack({ database: 'pglite', worker: false });
    const created = await stack.call('POST', '/api/campaigns', {
      body: { template: 'shanghai-2023', year: 2034, demo: { secondsPerDay: 60 } },
    });
    expect(created.status).toBe(201);
    campaignId = created.body.id;
    const enterprise = await createEnterprise(stack, 'unitOfficer');
    const category = await stack.api.db.prisma.productCategory.findFirstOrThrow({
      where: { campaignId, code: 'gas_appliances' },
    });
    const checked = await stack.call('POST', '/api/spot-checks', {
      as: 'unitOfficer',
      body: {
        campaignId,
        level: 'district',
        enterpriseId: enterprise.id,
        categoryId: category.id,
        product: '家用燃气灶',
        checkedAt: new Date().toISOString(),
        batches: 3,
        unqualifiedBatches: 1,
        failedItems: ['熄火保护装置'],
      },
    });
    expect(checked.status).toBe(201);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const table = async (query: string) =>
    (
      await stack.call('GET', `/api/campaigns/${campaignId}/statistics?${query}`, {
        as: 'unitOfficer',
      })
    ).body;

  it('counts a record made now in the demo calendar’s June, not in July', async () => {
    const june = await table('period=2034-06');
    expect(june.period).toEqual({ from: '2034-06-01', to: '2034-06-30', label: '2034年6月' });
    expect(june.total.values.batchesChecked).toBe(3);
    expect(june.total.values.unqualifiedBatches).toBe(1);
    const july = await table('period=2034-07');
    expect(july.total.values.batchesChecked).toBe(0);
  });

  it('runs "start to today" from the demo calendar’s first day', async () => {
    const toDate = await table('');
    expect(toDate.period.from).toBe('2034-06-01');
    expect(toDate.total.values.batchesChecked).toBe(3);
  });
});
