import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignWorkflowId } from '../../api/temporal/gateway.js';
import { unitWorkflowId } from '../../workflows/campaign.workflow.js';
import { recordHistory } from '../support/histories.js';
import { createUser, unitId } from '../support/fixtures.js';
import { startTestStack, waitFor, type TestStack } from '../support/stack.js';

// One calendar day per second: the June table is due 30 s after the campaign starts, with
// reminders 10 and 1 days before (20 s, 29 s) and overdue notices every 2 days after. The wide
// first offset leaves a loaded machine time to submit "on time" after the first reminder.
const SECONDS_PER_DAY = 1;

describe('a whole campaign with two units, one on time and one late (real Temporal, SMTP)', () => {
  let stack: TestStack;
  let connection: Connection;
  let client: Client;
  let campaignId: string;
  let pudong: string;
  let huangpu: string;
  let huangpuOfficer: { token: string };

  beforeAll(async () => {
    stack = await startTestStack({ database: 'pglite' });
    connection = await Connection.connect({ address: stack.temporalAddress });
    client = new Client({ connection });
    pudong = await unitId(stack, 'pudong');
    huangpu = await unitId(stack, 'huangpu');
    huangpuOfficer = await createUser(stack, {
      role: 'unit_officer',
      unitCode: 'huangpu',
      email: 'officer.huangpu@test.local',
    });
    const listed = await stack.call('POST', `/api/units/${huangpu}/listed-supervision`, {
      body: { listed: true, reason: '隐患集中，挂牌督办' },
    });
    expect(listed.status).toBe(200);
    const campaign = await stack.call('POST', '/api/campaigns', {
      body: {
        template: 'shanghai-2023',
        year: 2032,
        demo: { secondsPerDay: SECONDS_PER_DAY },
        reminders: { offsetsDays: [10, 1], overdueRepeatDays: 2 },
      },
    });
    expect(campaign.status).toBe(201);
    campaignId = campaign.body.id;
  }, 60_000);
  afterAll(async () => {
    await connection?.close();
    await stack?.stop();
  });

  const juneDuty = async (unit: string) => {
    const { body } = await stack.call(
      'GET',
      `/api/duties?campaign=${campaignId}&unit=${unit}&kind=monthly_statistics`,
    );
    return body.items.find((d: { period: string }) => d.period === '2032-06');
  };
  const mailsTo = (address: string, about: string) =>
    stack.smtp.messages.filter((m) => m.to.includes(address) && m.subject.includes(about));

  it('gives every implementing unit its seven duties, followed by a child workflow', async () => {
    const { body } = await stack.call('GET', `/api/duties?campaign=${campaignId}&pageSize=200`);
    expect(body.total).toBe(18 * 7);
    // The campaign workflow starts its children in its first task.
    const status = await waitFor(() =>
      client.workflow
        .getHandle(unitWorkflowId(campaignId, pudong))
        .query<{ duties: unknown[] }>('unitCampaignStatus')
        .catch(() => undefined),
    );
    expect(status.duties).toHaveLength(7);
  });

  it('reminds before the due date and stops as soon as the unit submits on time', async () => {
    const first = await waitFor(() => mailsTo('officer.pudong@demo.local', '6月统计表')[0], {
      timeoutMs: 40_000,
      what: 'the 10-day reminder to 浦东新区',
    });
    expect(first.subject).toContain('还剩 10 天');
    expect(first.cc).toEqual([]);
    const duty = await juneDuty(pudong);
    const submitted = await stack.call('POST', `/api/duties/${duty.id}/submissions`, {
      as: 'unitOfficer',
      body: { noTypicalCases: true },
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ status: 'submitted', onTime: true });
  }, 60_000);

  it('copies a listed unit’s reminders to the city, and marks and repeats what is late', async () => {
    const reminder = mailsTo('officer.huangpu@test.local', '报送提醒')[0];
    expect(reminder?.cc).toEqual(['supervisor@demo.local']);
    const overdue = await waitFor(
      () => {
        const mails = mailsTo('officer.huangpu@test.local', '逾期未报');
        return mails.length >= 2 ? mails : undefined;
      },
      { timeoutMs: 20_000, what: 'two overdue notices to 黄浦' },
    );
    expect(overdue[0]!.cc).toEqual(['supervisor@demo.local']);
    expect(overdue[1]!.subject).toContain('第 2 次提醒');
    const late = await juneDuty(huangpu);
    expect(late).toMatchObject({ status: 'pending', overdue: true, statusName: '逾期未报' });
    expect(late.overdueSince).not.toBeNull();

    const submitted = await stack.call('POST', `/api/duties/${late.id}/submissions`, {
      as: huangpuOfficer,
      body: { noTypicalCases: true },
    });
    expect(submitted.body).toMatchObject({ status: 'submitted', onTime: false });
    const countAfterSubmission = mailsTo('officer.huangpu@test.local', '6月统计表').length;
    await new Promise((r) => setTimeout(r, 3 * SECONDS_PER_DAY * 1000));
    expect(mailsTo('officer.huangpu@test.local', '6月统计表')).toHaveLength(countAfterSubmission);
  }, 60_000);

  it('never reminded the on-time unit after it submitted', async () => {
    const pudongJune = mailsTo('officer.pudong@demo.local', '6月统计表');
    expect(pudongJune).toHaveLength(1);
    const duty = (await stack.call('GET', `/api/duties/${(await juneDuty(pudong)).id}`)).body;
    expect(duty.reminders.map((r: { kind: string; status: string }) => [r.kind, r.status])).toEqual(
      [['duty_reminder', 'sent']],
    );
  });

  it('extends a deadline for one unit through the campaign workflow, audited', async () => {
    const { body } = await stack.call(
      'GET',
      `/api/duties?campaign=${campaignId}&unit=${pudong}&kind=monthly_statistics`,
    );
    const july = body.items.find((d: { period: string }) => d.period === '2032-07');
    const newDue = new Date(Date.parse(july.dueAt) + 10 * SECONDS_PER_DAY * 1000);
    const extended = await stack.call('POST', `/api/campaigns/${campaignId}/deadline-extensions`, {
      body: {
        kind: 'monthly_statistics',
        period: '2032-07',
        unitId: pudong,
        dueAt: newDue.toISOString(),
        reason: '系统升级，延期报送',
      },
    });
    expect(extended.status).toBe(200);
    expect(extended.body.duties).toHaveLength(1);
    const status = await client.workflow
      .getHandle(unitWorkflowId(campaignId, pudong))
      .query<{ duties: { dutyId: string; dueAt: number }[] }>('unitCampaignStatus');
    expect(status.duties.find((d) => d.dutyId === july.id)?.dueAt).toBe(newDue.getTime());
    const audit = await stack.api.db.prisma.auditLog.findFirst({
      where: { entityId: july.id, action: 'extend' },
    });
    expect(audit?.reason).toBe('系统升级，延期报送');

    const earlier = await stack.call('POST', `/api/campaigns/${campaignId}/deadline-extensions`, {
      body: {
        kind: 'monthly_statistics',
        period: '2032-07',
        unitId: pudong,
        dueAt: new Date(newDue.getTime() - 1000).toISOString(),
        reason: '再改早一点',
      },
    });
    expect(earlier.status).toBe(400);
  }, 30_000);

  it('cancels the campaign: the timeline and every unit’s reminders stop', async () => {
    const cancelled = await stack.call('POST', `/api/campaigns/${campaignId}/cancel`, {
      body: { reason: '测试撤销' },
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.cancelReason).toBe('测试撤销');
    const unit = await waitFor(async () => {
      const d = await client.workflow.getHandle(unitWorkflowId(campaignId, huangpu)).describe();
      return d.status.name === 'CANCELLED' ? d : undefined;
    });
    expect(unit.workflowId).toBe(unitWorkflowId(campaignId, huangpu));
    const row = await stack.api.db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    expect(row.cancelledAt).not.toBeNull();
    const again = await stack.call('POST', `/api/campaigns/${campaignId}/cancel`, {
      body: { reason: '再次撤销' },
    });
    expect(again.status).toBe(409);
    await recordHistory(campaignWorkflowId(campaignId), 'campaign--cancelled');
    await recordHistory(unitWorkflowId(campaignId, huangpu), 'unit-campaign--late-listed');
    await recordHistory(unitWorkflowId(campaignId, pudong), 'unit-campaign--on-time-extended');
  });
});
