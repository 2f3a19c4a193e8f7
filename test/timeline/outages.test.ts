import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnterprise } from '../support/fixtures.js';
import { startTestStack, waitFor, type TestStack } from '../support/stack.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SECONDS_PER_DAY = 1;
const DAY = SECONDS_PER_DAY * 1000;

/** The real worker entry point as its own process, so that it can be killed. */
async function startWorkerProcess(stack: TestStack, dataDir: string): Promise<ChildProcess> {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      TEMPORAL_ADDRESS: stack.temporalAddress,
      TEMPORAL_TASK_QUEUE: stack.taskQueue,
      API_URL: stack.api.url,
      SERVICE_TOKEN: stack.serviceToken,
      SMTP_URL: stack.smtp.url,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`worker exited:\n${output}`);
      return output.includes('worker started') ? true : undefined;
    },
    { timeoutMs: 60_000, what: 'the worker process to start' },
  );
  return child;
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

describe('outages: SMTP down, worker killed (real Temporal, real SMTP listener)', () => {
  let stack: TestStack;
  let dataDir: string;
  let worker: ChildProcess | undefined;
  let campaignId: string;
  let categoryId: string;
  let enterpriseId: string;

  beforeAll(async () => {
    stack = await startTestStack({ database: 'pglite', worker: false });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'hcm-worker-'));
    worker = await startWorkerProcess(stack, dataDir);
    const campaign = await stack.call('POST', '/api/campaigns', {
      body: {
        template: 'shanghai-2023',
        year: 2033,
        demo: { secondsPerDay: SECONDS_PER_DAY },
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
        contacts: [{ name: '联系人', email: 'contact@outage.test', isPrimary: true }],
      })
    ).id;
  }, 120_000);
  afterAll(async () => {
    if (worker && worker.exitCode === null) await killed(worker);
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
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
        description: `停电测试隐患 ${tag}`,
        measure: '更换原材料',
        responsiblePerson: '赵六',
        foundAt: new Date(Date.now() - 1000).toISOString(),
        deadline: new Date(Date.now() + days * DAY).toISOString(),
      },
    });
    expect(status, JSON.stringify(body)).toBe(201);
    return body as { id: string };
  };

  /** Each recorded reminder of these hazards arrived exactly once, and nothing arrived unrecorded. */
  async function expectEachSentOnce(hazardIds: string[]) {
    const rows = await stack.api.db.prisma.reminder.findMany({
      where: { subjectType: 'hazard', subjectId: { in: hazardIds } },
    });
    const ours = new Set(rows.map((r) => r.messageId));
    for (const row of rows) {
      expect(row.status).toBe('sent');
      expect(stack.smtp.messages.filter((m) => m.messageId === row.messageId)).toHaveLength(1);
    }
    const delivered = stack.smtp.messages.filter((m) =>
      hazardIds.some(
        (id) =>
          m.text.includes(`/dashboard/hazards/${id}`) ||
          m.text.includes(`/dashboard/escalations/${id}`),
      ),
    );
    expect(delivered.every((m) => ours.has(m.messageId))).toBe(true);
    return rows;
  }

  it('keeps a reminder reserved while SMTP refuses connections and delivers it once when back', async () => {
    await stack.smtp.goDown();
    const h = await hazard(30, 'SMTP');
    const reserved = await waitFor(() =>
      stack.api.db.prisma.reminder
        .findFirst({ where: { subjectId: h.id, kind: 'hazard_opened' } })
        .then((row) => row ?? undefined),
    );
    expect(reserved.status).toBe('reserved');
    await new Promise((r) => setTimeout(r, 3000));
    await stack.smtp.comeBack();
    const arrived = await waitFor(
      () => stack.smtp.messages.find((m) => m.messageId === reserved.messageId),
      { timeoutMs: 30_000, what: 'the reminder after SMTP came back' },
    );
    expect(arrived.to).toEqual(['contact@outage.test']);
    // Marked sent right after the SMTP server accepted it.
    await waitFor(() =>
      stack.api.db.prisma.reminder
        .findFirst({ where: { id: reserved.id, status: 'sent' } })
        .then((row) => row ?? undefined),
    );
    const rows = await expectEachSentOnce([h.id]);
    expect(rows).toHaveLength(1);
  }, 60_000);

  it('sends every due reminder exactly once across a SIGKILL and restart of the worker', async () => {
    // Reminders 2 and 1 days before, overdue at the deadline, escalation a day later:
    // events at whole seconds; the worker is killed between two of them.
    const hazards = [await hazard(3, 'K1'), await hazard(4, 'K2'), await hazard(5, 'K3')];
    const ids = hazards.map((h) => h.id);
    await new Promise((r) => setTimeout(r, 2.5 * DAY));
    await killed(worker!);
    await new Promise((r) => setTimeout(r, 3 * DAY));
    worker = await startWorkerProcess(stack, dataDir);

    await waitFor(
      async () => {
        const rows = await stack.api.db.prisma.hazard.findMany({ where: { id: { in: ids } } });
        const escalated = rows.every((row) => row.escalatedAt !== null);
        const pending = await stack.api.db.prisma.reminder.count({
          where: { subjectId: { in: ids }, status: 'reserved' },
        });
        const escalations = stack.smtp.messages.filter((m) => m.subject.includes('逾期升级'));
        return escalated && pending === 0 && escalations.length >= 3 ? true : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 500, what: 'all three hazards to be escalated' },
    );
    const rows = await expectEachSentOnce(ids);
    for (const id of ids) {
      const kinds = rows.filter((r) => r.subjectId === id).map((r) => r.kind);
      expect(kinds).toEqual(
        expect.arrayContaining(['hazard_opened', 'hazard_overdue', 'hazard_escalated']),
      );
    }
  }, 150_000);
});
