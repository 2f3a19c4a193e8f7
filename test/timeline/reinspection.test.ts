import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../support/databases.js';
import { createCampaign, createEnterprise } from '../support/fixtures.js';
import { startTestStack, waitFor, type TestStack } from '../support/stack.js';

describe.each(DATABASE_KINDS)('two failed spot checks within two years, on %s', (database) => {
  let stack: TestStack;
  let campaign: Awaited<ReturnType<typeof createCampaign>>;

  beforeAll(async () => {
    stack = await startTestStack({ database });
    campaign = await createCampaign(stack, 2027);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const spotCheck = async (enterpriseId: string, checkedAt: string, unqualifiedBatches = 1) => {
    const { status, body } = await stack.call('POST', '/api/spot-checks', {
      as: 'unitOfficer',
      body: {
        campaignId: campaign.id,
        level: 'district',
        enterpriseId,
        categoryId: campaign.categoryId('gas_appliances'),
        product: '家用燃气灶',
        checkedAt,
        batches: 2,
        unqualifiedBatches,
        failedItems: unqualifiedBatches > 0 ? ['熄火保护装置'] : [],
      },
    });
    expect(status).toBe(201);
    return body;
  };
  const reinspections = async (enterpriseId: string) =>
    (await stack.call('GET', `/api/follow-ups?enterprise=${enterpriseId}&kind=reinspection`)).body;

  it('opens a dedicated inspection when the earlier failure is exactly two years back', async () => {
    const enterprise = await createEnterprise(stack, 'unitOfficer');
    await spotCheck(enterprise.id, '2025-07-15T10:00:00+08:00');
    expect((await reinspections(enterprise.id)).total).toBe(0);
    await spotCheck(enterprise.id, '2027-07-15T09:00:00+08:00');
    const tasks = await reinspections(enterprise.id);
    expect(tasks.total).toBe(1);
    expect(tasks.items[0]).toMatchObject({
      kind: 'reinspection',
      kindName: '专门现场检查',
      status: 'open',
      unitId: enterprise.unitId,
    });
    expect(tasks.items[0].spotCheckIds).toHaveLength(2);
    // The unit is told, by e-mail, with a link to the task.
    const mail = await waitFor(() =>
      stack.smtp.messages.find(
        (m) => m.subject.includes('新任务') && m.subject.includes(enterprise.name),
      ),
    );
    expect(mail.to).toEqual(['officer.pudong@demo.local']);
    expect(mail.text).toContain(`/dashboard/follow-ups/${tasks.items[0].id}`);
  });

  it('does not count a failure one day more than two years back', async () => {
    const enterprise = await createEnterprise(stack, 'unitOfficer');
    await spotCheck(enterprise.id, '2025-07-14T10:00:00+08:00');
    await spotCheck(enterprise.id, '2027-07-15T09:00:00+08:00');
    expect((await reinspections(enterprise.id)).total).toBe(0);
  });

  it('counts a back-dated failure recorded after a later one', async () => {
    const enterprise = await createEnterprise(stack, 'unitOfficer');
    await spotCheck(enterprise.id, '2027-07-15T09:00:00+08:00');
    await spotCheck(enterprise.id, '2026-09-20T09:00:00+08:00');
    const tasks = await reinspections(enterprise.id);
    expect(tasks.total).toBe(1);
    expect(tasks.items[0].spotCheckIds).toHaveLength(2);
  });

  it('does not count qualified spot checks', async () => {
    const enterprise = await createEnterprise(stack, 'unitOfficer');
    await spotCheck(enterprise.id, '2027-06-15T10:00:00+08:00', 0);
    await spotCheck(enterprise.id, '2027-07-15T09:00:00+08:00');
    expect((await reinspections(enterprise.id)).total).toBe(0);
  });

  it('opens no second task while one is open, and a new one after it is closed', async () => {
    const enterprise = await createEnterprise(stack, 'unitOfficer');
    await spotCheck(enterprise.id, '2027-06-01T10:00:00+08:00');
    await spotCheck(enterprise.id, '2027-07-01T10:00:00+08:00');
    await spotCheck(enterprise.id, '2027-08-01T10:00:00+08:00');
    const open = await reinspections(enterprise.id);
    expect(open.total).toBe(1);

    const closed = await stack.call('POST', `/api/follow-ups/${open.items[0].id}/close`, {
      as: 'unitOfficer',
      body: { version: open.items[0].version, note: '已开展专门现场检查，督促企业整改' },
    });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('done');
    await spotCheck(enterprise.id, '2027-09-01T10:00:00+08:00');
    const after = await reinspections(enterprise.id);
    expect(after.items.map((t: { status: string }) => t.status).sort()).toEqual(['done', 'open']);
  });

  it('keeps tasks to their unit and refuses closing by others', async () => {
    const enterprise = await createEnterprise(stack, 'unitOfficer');
    await spotCheck(enterprise.id, '2027-06-02T10:00:00+08:00');
    await spotCheck(enterprise.id, '2027-07-02T10:00:00+08:00');
    const [task] = (await reinspections(enterprise.id)).items;
    const supervisorClose = await stack.call('POST', `/api/follow-ups/${task.id}/close`, {
      as: 'citySupervisor',
      body: { version: task.version, note: '越权办结' },
    });
    expect(supervisorClose.status).toBe(403);
    const enterpriseView = await stack.call('GET', `/api/follow-ups/${task.id}`, {
      as: 'enterpriseUser',
    });
    expect(enterpriseView.status).toBe(403);
  });
});
