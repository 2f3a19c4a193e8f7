import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { rectificationWorkflowId } from '../../api/temporal/gateway.js';
import { createLogger } from '../../lib/logger.js';
import { startDevServer, type DevServer } from '../../lib/temporal-dev-server.js';
import { createEnterprise } from '../support/fixtures.js';
import { freePort } from '../support/ports.js';
import { startTestStack, waitFor, type TestStack } from '../support/stack.js';

// Temporal itself goes down while a hazard's deadline is extended: the extension is recorded and
// audited, its signal is lost. A dev server of its own, persisted to a file, so that it can be
// stopped and started again on the same port with the workflows still there.
const DAY = 1000;

describe('a deadline extended while Temporal is down (real Temporal restarted, real SMTP)', () => {
  let stack: TestStack;
  let server: DevServer;
  let port: number;
  let dir: string;
  let connection: Connection;
  let client: Client;
  let campaignId: string;
  let categoryId: string;
  let enterpriseId: string;

  const startServer = () =>
    startDevServer({
      cliPath: inject('temporalCli'),
      port,
      dbFile: path.join(dir, 'temporal.db'),
      namespace: 'default',
      logger: createLogger('test-temporal', 'error'),
    });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'hcm-temporal-'));
    port = await freePort();
    server = await startServer();
    stack = await startTestStack({ database: 'pglite', temporalAddress: server.address });
    connection = await Connection.connect({ address: server.address });
    client = new Client({ connection });
    const campaign = await stack.call('POST', '/api/campaigns', {
      body: {
        template: 'shanghai-2023',
        year: 2034,
        demo: { secondsPerDay: DAY / 1000 },
        reminders: { offsetsDays: [2, 1], overdueRepeatDays: 30, escalationGraceDays: 1 },
      },
    });
    expect(campaign.status, JSON.stringify(campaign.body)).toBe(201);
    campaignId = campaign.body.id;
    categoryId = (
      await stack.api.db.prisma.productCategory.findFirstOrThrow({
        where: { campaignId, code: 'fire_products' },
      })
    ).id;
    enterpriseId = (
      await createEnterprise(stack, 'unitOfficer', {
        contacts: [{ name: '联系人', email: 'contact@deadline-outage.test', isPrimary: true }],
      })
    ).id;
  }, 120_000);
  afterAll(async () => {
    await connection?.close();
    await stack?.stop();
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const hazard = async (days: number, tag: string) => {
    const { status, body } = await stack.call('POST', '/api/hazards', {
      as: 'unitOfficer',
      body: {
        campaignId,
        enterpriseId,
        categoryId,
        source: 'spot_check',
        problemType: 'cutting_corners',
        severity: 'major',
        description: `期限变更停机测试 ${tag}`,
        measure: '更换原材料',
        responsiblePerson: '赵六',
        foundAt: new Date(Date.now() - 1000).toISOString(),
        deadline: new Date(Date.now() + days * DAY).toISOString(),
      },
    });
    expect(status, JSON.stringify(body)).toBe(201);
    return body as { id: string; version: number; deadline: string };
  };
  const mailsAbout = (id: string) =>
    stack.smtp.messages.filter(
      (m) =>
        m.text.includes(`/dashboard/hazards/${id}`) ||
        m.text.includes(`/dashboard/escalations/${id}`),
    );
  const opened = (id: string) =>
    waitFor(() => mailsAbout(id).find((m) => m.subject.length > 0), {
      what: 'the opened notice',
    });
  const extend = (h: { id: string; version: number }, deadline: number) =>
    stack.call('POST', `/api/hazards/${h.id}/extend`, {
      as: 'unitOfficer',
      body: {
        version: h.version,
        deadline: new Date(deadline).toISOString(),
        reason: '企业申请延期：停机期间办理',
      },
    });
  const followed = (id: string) =>
    client.workflow
      .getHandle(rectificationWorkflowId(id))
      .query<{ deadline: number; overdueReminders: number; escalated: boolean }>(
        'rectificationStatus',
      );

  it('sends no notice at the old deadline, follows the new one, and reconciliation corrects a quiet workflow', async () => {
    const created = Date.now();
    // A: its old deadline and escalation pass while Temporal is down.
    const a = await hazard(3, 'A');
    // B: its old timers lie far ahead; only reconciliation can tell its workflow.
    const b = await hazard(60, 'B');
    await opened(a.id);
    await opened(b.id);

    await server.stop();
    const newA = created + 15 * DAY;
    const newB = created + 90 * DAY;
    const extendedA = await extend(a, newA);
    expect(extendedA.status, JSON.stringify(extendedA.body)).toBe(200);
    const extendedB = await extend(b, newB);
    expect(extendedB.status).toBe(200);
    const audit = await stack.api.db.prisma.auditLog.findFirst({
      where: { entityId: a.id, action: 'extend' },
    });
    expect(audit?.reason).toBe('企业申请延期：停机期间办理');

    // Down past A's old deadline (3 days) and its escalation (4 days).
    await new Promise((r) => setTimeout(r, created + 5 * DAY - Date.now()));
    server = await startServer();

    // A's stale timer fires; the API answers that the deadline has moved, and the workflow follows.
    await waitFor(
      async () => {
        const s = await followed(a.id).catch(() => undefined);
        return s?.deadline === newA ? s : undefined;
      },
      { timeoutMs: 30_000, what: 'the workflow of A to follow the new deadline' },
    );

    // B's workflow still plans with the old deadline until reconciliation tells it.
    expect((await followed(b.id)).deadline).toBe(Date.parse(b.deadline));
    await stack.api.reconcile();
    expect((await followed(b.id)).deadline).toBe(newB);

    // The overdue notice comes at the new deadline, not at the old one.
    await waitFor(() => mailsAbout(a.id).find((m) => m.subject.includes('整改逾期')), {
      timeoutMs: 60_000,
      what: 'the overdue notice at the new deadline',
    });
    expect(Date.now()).toBeGreaterThanOrEqual(newA);
    const rowA = await stack.api.db.prisma.hazard.findUniqueOrThrow({ where: { id: a.id } });
    expect(rowA.overdueSince?.getTime()).toBe(newA);
    if (rowA.escalatedAt) expect(rowA.escalatedAt.getTime()).toBeGreaterThan(newA);
    const rows = await stack.api.db.prisma.reminder.findMany({ where: { subjectId: a.id } });
    const oldA = String(Date.parse(a.deadline));
    // Nothing was reserved, let alone sent, for the old deadline: no reminder, notice or escalation.
    expect(rows.filter((r) => r.key.includes(oldA))).toEqual([]);
    const late = rows.filter((r) => ['hazard_overdue', 'hazard_escalated'].includes(r.kind));
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((r) => r.key.includes(String(newA)))).toBe(true);
    const lateMails = mailsAbout(a.id).filter((m) => /整改逾期|逾期升级/.test(m.subject));
    expect(lateMails.map((m) => m.messageId).sort()).toEqual(late.map((r) => r.messageId).sort());
  }, 120_000);
});
