import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followUpWorkflowId, rectificationWorkflowId } from '../../api/temporal/gateway.js';
import { recordHistory } from '../support/histories.js';
import { createEnterprise, createUser } from '../support/fixtures.js';
import { startTestStack, waitFor, type TestStack } from '../support/stack.js';

// Compressed calendar: one calendar day lasts DAY ms, so deadlines a few days out fall due in
// seconds. Reminders 2 and 1 days before, overdue notices every 2 days, escalation after 1 day.
const SECONDS_PER_DAY = 0.6;
const DAY = SECONDS_PER_DAY * 1000;

describe('rectification workflows (real Temporal server, real SMTP listener)', () => {
  let stack: TestStack;
  let client: Client;
  let connection: Connection;
  let campaignId: string;
  let categoryId: string;
  let enterprise: { id: string };
  let enterpriseUser: { token: string };

  beforeAll(async () => {
    stack = await startTestStack({ database: 'pglite' });
    connection = await Connection.connect({ address: stack.temporalAddress });
    client = new Client({ connection });
    const campaign = await stack.call('POST', '/api/campaigns', {
      body: {
        template: 'shanghai-2023',
        year: 2031,
        demo: { secondsPerDay: SECONDS_PER_DAY },
        reminders: { offsetsDays: [2, 1], overdueRepeatDays: 2, escalationGraceDays: 1 },
      },
    });
    expect(campaign.status).toBe(201);
    campaignId = campaign.body.id;
    categoryId = (
      await stack.api.db.prisma.productCategory.findFirstOrThrow({
        where: { campaignId, code: 'gas_appliances' },
      })
    ).id;
    enterprise = await createEnterprise(stack, 'unitOfficer', {
      contacts: [{ name: '企业联系人', email: 'contact@enterprise.test', isPrimary: true }],
    });
    enterpriseUser = await createUser(stack, {
      role: 'enterprise_user',
      enterpriseId: enterprise.id,
    });
  });
  afterAll(async () => {
    await connection?.close();
    await stack?.stop();
  });

  const hazard = async (days: number, severity = 'major') => {
    const now = Date.now();
    const { status, body } = await stack.call('POST', '/api/hazards', {
      as: 'unitOfficer',
      body: {
        campaignId,
        enterpriseId: enterprise.id,
        categoryId,
        source: 'inspection',
        problemType: 'no_factory_inspection',
        severity,
        description: `测试隐患 ${Math.random().toString(36).slice(2, 8)}`,
        measure: '补做出厂检验',
        responsiblePerson: '王五',
        foundAt: new Date(now - 1000).toISOString(),
        deadline: new Date(now + days * DAY).toISOString(),
      },
    });
    expect(status).toBe(201);
    return body as { id: string; version: number; description: string };
  };
  const mailsAbout = (text: string) => stack.smtp.messages.filter((m) => m.text.includes(text));
  const current = async (id: string) => (await stack.call('GET', `/api/hazards/${id}`)).body;

  it('tells the enterprise at once, the officer on submission, and closes on verification', async () => {
    const h = await hazard(20);
    const opened = await waitFor(
      () => mailsAbout(h.description).find((m) => m.subject.includes('隐患整改通知')),
      {
        what: 'the opening notice',
      },
    );
    expect(opened.to).toEqual(['contact@enterprise.test']);
    expect(opened.attachments.some((a) => a.contentType.startsWith('text/calendar'))).toBe(true);

    const submitted = await stack.call('POST', `/api/hazards/${h.id}/submissions`, {
      as: enterpriseUser,
      body: { version: 1, description: '已补做全部批次的出厂检验' },
    });
    expect(submitted.status).toBe(201);
    const toOfficer = await waitFor(() =>
      mailsAbout(h.description).find((m) => m.subject.includes('待核查')),
    );
    expect(toOfficer.to).toEqual(['officer.pudong@demo.local']);

    const verified = await stack.call('POST', `/api/hazards/${h.id}/verify`, {
      as: 'unitOfficer',
      body: { version: submitted.body.version, decision: 'accept' },
    });
    expect(verified.status).toBe(200);
    expect(await client.workflow.getHandle(rectificationWorkflowId(h.id)).result()).toBe('closed');
    const closedMail = mailsAbout(h.description).find((m) => m.subject.includes('已销号'));
    expect(closedMail?.to).toEqual(['contact@enterprise.test']);
    // Every reminder is listed on the hazard, each sent once.
    const listed = (await current(h.id)).reminders;
    expect(listed.map((r: { kind: string }) => r.kind)).toEqual([
      'hazard_opened',
      'hazard_submitted',
      'hazard_closed',
    ]);
    expect(listed.every((r: { status: string }) => r.status === 'sent')).toBe(true);
    const ids = mailsAbout(h.description).map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    await recordHistory(rectificationWorkflowId(h.id), 'rectification--closed');
  });

  it('returns a rejected submission to rectification with the reason, then closes it', async () => {
    const h = await hazard(20);
    let version = h.version;
    const submit = async (expectedNotices: number) => {
      const r = await stack.call('POST', `/api/hazards/${h.id}/submissions`, {
        as: enterpriseUser,
        body: { version, description: '整改完毕' },
      });
      expect(r.status).toBe(201);
      version = r.body.version;
      // The officer is told there is something to verify before they verify it.
      await waitFor(() => {
        const notices = mailsAbout(h.description).filter((m) => m.subject.includes('待核查'));
        return notices.length === expectedNotices ? notices : undefined;
      });
    };
    await submit(1);
    const rejected = await stack.call('POST', `/api/hazards/${h.id}/verify`, {
      as: 'unitOfficer',
      body: { version, decision: 'reject', note: '检验报告缺少批次号' },
    });
    expect(rejected.status).toBe(200);
    version = rejected.body.version;
    const notice = await waitFor(() =>
      mailsAbout(h.description).find((m) => m.subject.includes('整改退回')),
    );
    expect(notice.text).toContain('检验报告缺少批次号');
    await submit(2);
    const accepted = await stack.call('POST', `/api/hazards/${h.id}/verify`, {
      as: 'unitOfficer',
      body: { version, decision: 'accept' },
    });
    expect(accepted.body.status).toBe('closed');
    expect(await client.workflow.getHandle(rectificationWorkflowId(h.id)).result()).toBe('closed');
    const submissions = await stack.api.db.prisma.hazardSubmission.findMany({
      where: { hazardId: h.id },
      orderBy: { submittedAt: 'asc' },
    });
    expect(submissions.map((s) => [s.status, s.reviewNote])).toEqual([
      ['rejected', '检验报告缺少批次号'],
      ['accepted', null],
    ]);
    await recordHistory(rectificationWorkflowId(h.id), 'rectification--rejected-then-closed');
  });

  it('moves the running timer when the deadline is extended: no overdue at the old deadline', async () => {
    const h = await hazard(3);
    const extended = await stack.call('POST', `/api/hazards/${h.id}/extend`, {
      as: 'unitOfficer',
      body: {
        version: h.version,
        deadline: new Date(Date.now() + 40 * DAY).toISOString(),
        reason: '企业申请延期：待第三方检测报告',
      },
    });
    expect(extended.status).toBe(200);
    // Wait past the old deadline and its grace, then check nothing fell due.
    await new Promise((r) => setTimeout(r, 5 * DAY));
    const status = await client.workflow
      .getHandle(rectificationWorkflowId(h.id))
      .query('rectificationStatus');
    expect(status).toMatchObject({ status: 'open', overdueReminders: 0, escalated: false });
    expect(mailsAbout(h.description).some((m) => m.subject.includes('整改逾期'))).toBe(false);
    expect((await current(h.id)).overdue).toBe(false);
    await recordHistory(rectificationWorkflowId(h.id), 'rectification--extended');
  });

  it('marks an unclosed hazard overdue, tells enterprise and officer, then escalates to the city', async () => {
    const h = await hazard(2);
    const overdueMail = await waitFor(
      () => mailsAbout(h.description).find((m) => m.subject.includes('整改逾期')),
      { timeoutMs: 30_000, what: 'the overdue notice' },
    );
    expect(overdueMail.to.sort()).toEqual(['contact@enterprise.test', 'officer.pudong@demo.local']);
    const escalation = await waitFor(
      () => mailsAbout(h.description).find((m) => m.subject.includes('逾期升级')),
      { timeoutMs: 30_000, what: 'the escalation' },
    );
    expect(escalation.to).toEqual(['supervisor@demo.local']);
    expect(escalation.cc).toEqual(['officer.pudong@demo.local']);
    const row = await stack.api.db.prisma.hazard.findUniqueOrThrow({ where: { id: h.id } });
    expect(row.overdueSince).not.toBeNull();
    expect(row.escalatedAt).not.toBeNull();
    // Reminders 2 and 1 days before came first, once each.
    const before = mailsAbout(h.description).filter((m) => m.subject.includes('整改提醒'));
    expect(before.map((m) => m.subject.includes('还剩 1 天'))).toContain(true);
    expect(new Set(before.map((m) => m.messageId)).size).toBe(before.length);
    await recordHistory(rectificationWorkflowId(h.id), 'rectification--overdue-escalated');
  });

  it('opens one interview task for a serious hazard, and no second while it is open', async () => {
    await hazard(20, 'serious');
    await hazard(20, 'serious');
    const tasks = await stack.call(
      'GET',
      `/api/follow-ups?enterprise=${enterprise.id}&kind=interview`,
    );
    expect(tasks.body.total).toBe(1);
    expect(tasks.body.items[0]).toMatchObject({ kindName: '约谈', status: 'open' });
    await recordHistory(followUpWorkflowId(tasks.body.items[0].id), 'follow-up--interview-opened');
    await waitFor(() =>
      stack.smtp.messages.find((m) => m.subject.includes('新任务') && m.subject.includes('约谈')),
    );
  });

  it('continues as new before its history grows long, carrying its state', async () => {
    // A hazard recorded directly (no workflow yet), long overdue, followed by a workflow whose
    // history limit is tiny, so it must continue as new several times.
    const row = await stack.api.db.prisma.hazard.create({
      data: {
        campaignId,
        unitId: (
          await stack.api.db.prisma.enterprise.findUniqueOrThrow({ where: { id: enterprise.id } })
        ).unitId,
        enterpriseId: enterprise.id,
        categoryId,
        source: 'complaint',
        problemType: 'poor_quality',
        severity: 'general',
        description: '历史长度测试隐患',
        measure: '整改',
        responsiblePerson: '钱七',
        foundAt: new Date(Date.now() - 10 * DAY),
        deadline: new Date(Date.now() - 5 * DAY),
        createdById: (await stack.api.db.prisma.user.findFirstOrThrow()).id,
      },
    });
    const workflowId = rectificationWorkflowId(row.id);
    const first = await client.workflow.start('rectificationWorkflow', {
      workflowId,
      taskQueue: stack.taskQueue,
      args: [
        {
          hazardId: row.id,
          status: 'open',
          deadline: {
            dueAt: row.deadline.getTime(),
            reminded: [],
            overdueReminders: 0,
            lastOverdueAt: null,
            escalated: true,
          },
          settings: { offsets: [], overdueRepeatMs: 150 },
          historyLimit: 40,
        },
      ],
    });
    await waitFor(
      async () => {
        const count = await stack.api.db.prisma.reminder.count({
          where: { subjectId: row.id, kind: 'hazard_overdue', status: 'sent' },
        });
        return count >= 12 ? count : undefined;
      },
      { timeoutMs: 30_000, what: 'a dozen overdue notices' },
    );
    const firstRun = await client.workflow
      .getHandle(workflowId, first.firstExecutionRunId)
      .describe();
    expect(firstRun.status.name).toBe('CONTINUED_AS_NEW');
    await recordHistory(workflowId, 'rectification--continued-as-new');
    await client.workflow.getHandle(workflowId).terminate('test finished');
    // The carried state kept counting: notices 1, 2, 3 … each once, none repeated.
    const keys = (
      await stack.api.db.prisma.reminder.findMany({
        where: { subjectId: row.id, kind: 'hazard_overdue' },
      })
    ).map((r) => Number(r.key.split(':overdue:')[1]));
    expect([...keys].sort((a, b) => a - b)).toEqual(keys.map((_, i) => i + 1));
  });
});
