import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../support/databases.js';
import { createEnterprise } from '../support/fixtures.js';
import { startRecordWorld, ids, type RecordWorld } from '../support/record-world.js';

// Corrections and voids of recorded campaign records: nothing is lost, everything is audited,
// voided records leave the live lists and figures but not the frozen tables of submissions.
describe.each(DATABASE_KINDS)('record corrections on %s', (database) => {
  let world: RecordWorld;
  beforeAll(async () => {
    world = await startRecordWorld(database);
  });
  afterAll(async () => {
    await world?.stack.stop();
  });

  const spotCheck = (overrides: Record<string, unknown> = {}) => ({
    campaignId: world.campaign.id,
    categoryId: world.campaign.categoryId('gas_appliances'),
    level: 'district',
    enterpriseId: world.ours.id,
    product: '家用燃气灶',
    checkedAt: '2027-06-10T10:00:00+08:00',
    batches: 3,
    unqualifiedBatches: 0,
    ...overrides,
  });
  const post = async (path: string, body: unknown) => {
    const res = await world.stack.call('POST', path, { as: 'unitOfficer', body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; version: number };
  };
  const juneBatches = async () =>
    (
      await world.stack.call(
        'GET',
        `/api/campaigns/${world.campaign.id}/statistics?unit=${world.pudong}&period=2027-06`,
        { as: 'unitOfficer' },
      )
    ).body.total.values.batchesChecked as number;

  it('corrects with a reason: new values, version + 1, audit row with before and after', async () => {
    const created = await post('/api/spot-checks', spotCheck());
    const res = await world.stack.call('PATCH', `/api/spot-checks/${created.id}`, {
      as: 'unitOfficer',
      body: {
        version: 1,
        reason: '批次数录入错误',
        batches: 5,
        unqualifiedBatches: 1,
        failedItems: ['熄火保护装置'],
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      batches: 5,
      unqualifiedBatches: 1,
      result: 'unqualified',
      version: 2,
      voided: false,
    });
    const audit = await world.stack.api.db.prisma.auditLog.findFirstOrThrow({
      where: { entity: 'spot_check', entityId: created.id, action: 'correct' },
    });
    expect(audit.reason).toBe('批次数录入错误');
    expect((audit.before as { batches: number }).batches).toBe(3);
    expect((audit.after as { batches: number }).batches).toBe(5);

    // The create rules apply to the merged values, and a reason is required.
    const bad = await world.stack.call('PATCH', `/api/spot-checks/${created.id}`, {
      as: 'unitOfficer',
      body: { version: 2, reason: '再改', unqualifiedBatches: 9 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path)).toContain(
      'unqualifiedBatches',
    );
    const noReason = await world.stack.call('PATCH', `/api/spot-checks/${created.id}`, {
      as: 'unitOfficer',
      body: { version: 2, batches: 6 },
    });
    expect(noReason.status).toBe(400);
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const created = await post('/api/assistance', {
      campaignId: world.campaign.id,
      categoryId: world.campaign.categoryId('gas_appliances'),
      kind: 'training',
      enterpriseId: world.ours.id,
      assistedAt: '2027-06-11',
      problemsSolved: 2,
      outputValueRaised: '3.50',
    });
    const first = await world.stack.call('PATCH', `/api/assistance/${created.id}`, {
      as: 'unitOfficer',
      body: { version: 1, reason: '产值有误', outputValueRaised: '4.00' },
    });
    expect(first.status).toBe(200);
    const stale = await world.stack.call('PATCH', `/api/assistance/${created.id}`, {
      as: 'unitOfficer',
      body: { version: 1, reason: '再次更正', problemsSolved: 9 },
    });
    expect(stale.status).toBe(409);
    const stored = await world.stack.api.db.prisma.assistance.findUniqueOrThrow({
      where: { id: created.id },
    });
    expect(stored.problemsSolved).toBe(2);
    expect(stored.outputValueRaised.toFixed(2)).toBe('4.00');
    expect(stored.version).toBe(2);
    // Another unit's officer does not see it at all.
    const other = await world.stack.call('POST', `/api/assistance/${created.id}/void`, {
      as: world.huangpuOfficer,
      body: { version: 2, reason: '试图作废' },
    });
    expect(other.status).toBe(404);
  });

  it('voids: out of the list and the live table, GET shows it voided, the frozen table keeps it', async () => {
    const created = await post(
      '/api/spot-checks',
      spotCheck({ batches: 7, checkedAt: '2027-06-20' }),
    );
    const before = await juneBatches();

    const duties = await world.stack.call(
      'GET',
      `/api/duties?campaign=${world.campaign.id}&kind=monthly_statistics&pageSize=50`,
      { as: 'unitOfficer' },
    );
    const duty = duties.body.items.find((d: { period: string }) => d.period === '2027-06');
    const submitted = await world.stack.call('POST', `/api/duties/${duty.id}/submissions`, {
      as: 'unitOfficer',
      body: { noTypicalCases: true },
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);

    const voided = await world.stack.call('POST', `/api/spot-checks/${created.id}/void`, {
      as: 'unitOfficer',
      body: { version: 1, reason: '重复录入' },
    });
    expect(voided.status, JSON.stringify(voided.body)).toBe(200);
    expect(voided.body).toMatchObject({ voided: true, voidReason: '重复录入', version: 2 });

    const list = await world.stack.call(
      'GET',
      `/api/spot-checks?unit=${world.pudong}&pageSize=100`,
      {
        as: 'unitOfficer',
      },
    );
    expect(ids(list.body)).not.toContain(created.id);
    const voidedList = await world.stack.call('GET', '/api/spot-checks?voided=true', {
      as: 'unitOfficer',
    });
    expect(ids(voidedList.body)).toEqual([created.id]);
    const got = await world.stack.call('GET', `/api/spot-checks/${created.id}`, {
      as: 'unitOfficer',
    });
    expect(got.body).toMatchObject({ voided: true, voidReason: '重复录入' });

    expect(await juneBatches()).toBe(before - 7);
    const frozen = await world.stack.call('GET', `/api/duties/${duty.id}/statistics`, {
      as: 'unitOfficer',
    });
    expect(frozen.body.total.values.batchesChecked).toBe(before);

    const audit = await world.stack.api.db.prisma.auditLog.findFirstOrThrow({
      where: { entity: 'spot_check', entityId: created.id, action: 'void' },
    });
    expect(audit.reason).toBe('重复录入');
    // A voided record is neither corrected nor voided again; the row is still there.
    const again = await world.stack.call('PATCH', `/api/spot-checks/${created.id}`, {
      as: 'unitOfficer',
      body: { version: 2, reason: '改', batches: 8 },
    });
    expect(again.status).toBe(409);
    expect(await world.stack.api.db.prisma.spotCheck.count({ where: { id: created.id } })).toBe(1);
  });

  it('a voided failed spot check no longer counts for the two-failures rule', async () => {
    const enterpriseId = (await createEnterprise(world.stack, 'unitOfficer')).id;
    const failed = (checkedAt: string) =>
      spotCheck({
        enterpriseId,
        checkedAt,
        unqualifiedBatches: 1,
        failedItems: ['标志'],
        product: '燃气灶',
      });
    const first = await post('/api/spot-checks', failed('2027-01-05'));
    const voided = await world.stack.call('POST', `/api/spot-checks/${first.id}/void`, {
      as: 'unitOfficer',
      body: { version: 1, reason: '抽错企业' },
    });
    expect(voided.status).toBe(200);
    await post('/api/spot-checks', failed('2027-02-05'));
    const tasks = await world.stack.call(
      'GET',
      `/api/follow-ups?enterprise=${enterpriseId}&kind=reinspection`,
      { as: 'cityAdmin' },
    );
    expect(tasks.body.total).toBe(0);
  });
});
