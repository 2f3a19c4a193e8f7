import { afterEach, describe, expect, it } from 'vitest';
import type { DeadlineState } from '../../domain/timeline/deadline-agenda.js';
import {
  hazardDeadlineChangedSignal,
  hazardReviewedSignal,
  hazardSubmittedSignal,
  rectificationStatusQuery,
  rectificationWorkflow,
  type RectificationInput,
} from '../../workflows/rectification.workflow.js';
import {
  describeCall,
  startWorkflowHarness,
  uniqueId,
  type StubOptions,
  type WorkflowHarness,
} from '../support/workflow-harness.js';

// A calendar compressed to milliseconds: "3 days" before the deadline is 4 s before it. The
// margins leave room for a workflow task that starts seconds late on a loaded machine.
const offsets = [
  { days: 3, ms: 4_000 },
  { days: 1, ms: 2_000 },
];
const deadlineAt = (dueAt: number): DeadlineState => ({
  dueAt,
  reminded: [],
  overdueReminders: 0,
  lastOverdueAt: null,
  escalated: false,
});
const iso = (ms: number) => new Date(ms).toISOString();

describe('rectificationWorkflow on its own (stub activities)', () => {
  let harness: WorkflowHarness;
  afterEach(() => harness?.stop());

  async function start(
    /** Called once the worker runs, so that deadlines count from then. */
    input: () => Omit<RectificationInput, 'hazardId' | 'status'>,
    options: StubOptions = {},
  ) {
    harness = await startWorkflowHarness(options);
    const hazardId = uniqueId('hazard');
    const handle = await harness.client.workflow.start(rectificationWorkflow, {
      workflowId: `rect-${hazardId}`,
      taskQueue: harness.taskQueue,
      args: [{ hazardId, status: 'rectifying', ...input() }],
    });
    return { hazardId, handle, stub: harness.stub };
  }

  it('reminds before the deadline at the planned offsets, then marks overdue once, repeats and escalates after the grace period', async () => {
    let dueAt = 0;
    const {
      hazardId: h,
      handle,
      stub,
    } = await start(
      () => {
        dueAt = Date.now() + 8_000;
        return {
          deadline: deadlineAt(dueAt),
          settings: { offsets, overdueRepeatMs: 400, escalationGraceMs: 1_000 },
        };
      },
      {
        // The 4th overdue notice finds the hazard closed in the API: the workflow stops there.
        reminderOutcome: (request) =>
          request.key.endsWith(':overdue:4')
            ? { outcome: 'obsolete', subjectStatus: 'closed' }
            : { outcome: 'sent' },
      },
    );
    expect(await handle.result()).toBe('closed');

    expect(stub.calls.map(describeCall)).toEqual([
      `hazard_opened hazard:${h}:opened`,
      `hazard_reminder hazard:${h}:${dueAt}:before:3`,
      `hazard_reminder hazard:${h}:${dueAt}:before:1`,
      `markOverdue ${h} ${iso(dueAt)}`,
      `hazard_overdue hazard:${h}:${dueAt}:overdue:1`,
      `hazard_overdue hazard:${h}:${dueAt}:overdue:2`,
      `hazard_overdue hazard:${h}:${dueAt}:overdue:3`,
      `markEscalated ${h}`,
      `hazard_escalated hazard:${h}:${dueAt}:escalated`,
      `hazard_overdue hazard:${h}:${dueAt}:overdue:4`,
      `hazard_closed hazard:${h}:closed`,
    ]);
    const reminders = stub.calls.filter((c) => c.input.kind === 'hazard_reminder');
    expect(reminders.map((c) => c.input.daysLeft)).toEqual([3, 1]);
    // Nothing happens before its planned instant.
    expect(reminders[0]!.at).toBeGreaterThanOrEqual(dueAt - 4_000);
    expect(reminders[1]!.at).toBeGreaterThanOrEqual(dueAt - 2_000);
    const overdue = stub.calls.filter((c) => c.input.kind === 'hazard_overdue');
    expect(overdue.map((c) => c.input.repeat)).toEqual([1, 2, 3, 4]);
    overdue.forEach((call, i) => expect(call.at).toBeGreaterThanOrEqual(dueAt + i * 400));
    const escalation = stub.calls.find((c) => c.name === 'markEscalated')!;
    expect(escalation.input.at).toBe(iso(dueAt + 1_000));
    expect(escalation.at).toBeGreaterThanOrEqual(dueAt + 1_000);
  });

  it('tells the officer of a submission (again while unverified), returns to rectification with a new deadline on rejection, closes on acceptance', async () => {
    const firstDue = Date.now() + 60_000;
    const {
      hazardId: h,
      handle,
      stub,
    } = await start(() => ({
      deadline: deadlineAt(firstDue),
      settings: { offsets, overdueRepeatMs: 1_000 },
    }));
    const submitted = (c: { input: Record<string, unknown> }) =>
      c.input.kind === 'hazard_submitted';
    await stub.waitForCalls(1);
    await handle.signal(hazardSubmittedSignal, { submissionId: 's1' });
    await stub.waitForCalls(2, submitted);
    expect((await handle.query(rectificationStatusQuery)).status).toBe('submitted');

    const newDue = Date.now() + 6_000;
    await handle.signal(hazardReviewedSignal, {
      submissionId: 's1',
      decision: 'reject',
      deadline: newDue,
    });
    await stub.waitForCalls(1, (c) => c.input.key === `hazard:${h}:${newDue}:before:1`);
    expect(await handle.query(rectificationStatusQuery)).toMatchObject({
      status: 'rectifying',
      deadline: newDue,
    });

    await handle.signal(hazardSubmittedSignal, { submissionId: 's2' });
    await stub.waitForCalls(3, submitted);
    await handle.signal(hazardReviewedSignal, { submissionId: 's2', decision: 'accept' });
    expect(await handle.result()).toBe('closed');

    expect(stub.calls.map(describeCall)).toEqual([
      `hazard_opened hazard:${h}:opened`,
      `hazard_submitted hazard:${h}:submitted:s1:0`,
      `hazard_submitted hazard:${h}:submitted:s1:1`,
      `hazard_rejected hazard:${h}:rejected:s1`,
      `hazard_reminder hazard:${h}:${newDue}:before:3`,
      `hazard_reminder hazard:${h}:${newDue}:before:1`,
      `hazard_submitted hazard:${h}:submitted:s2:0`,
      `hazard_closed hazard:${h}:closed`,
    ]);
    expect(stub.calls.filter(submitted).map((c) => c.input.repeat)).toEqual([1, 2, 1]);
  });

  it('moves its timer when the deadline is extended: no reminder at the old deadline', async () => {
    const {
      hazardId: h,
      handle,
      stub,
    } = await start(
      () => ({
        deadline: deadlineAt(Date.now() + 8_000),
        settings: { offsets: [offsets[1]!], overdueRepeatMs: 400 },
      }),
      {
        reminderOutcome: (request) =>
          request.kind === 'hazard_overdue'
            ? { outcome: 'obsolete', subjectStatus: 'closed' }
            : { outcome: 'sent' },
      },
    );
    await stub.waitForCalls(1);
    const newDue = Date.now() + 6_000;
    await handle.signal(hazardDeadlineChangedSignal, { deadline: newDue });
    expect(await handle.result()).toBe('closed');

    expect(stub.calls.map(describeCall)).toEqual([
      `hazard_opened hazard:${h}:opened`,
      `hazard_reminder hazard:${h}:${newDue}:before:1`,
      `markOverdue ${h} ${iso(newDue)}`,
      `hazard_overdue hazard:${h}:${newDue}:overdue:1`,
      `hazard_closed hazard:${h}:closed`,
    ]);
    expect(stub.calls[1]!.at).toBeGreaterThanOrEqual(newDue - 2_000);
    expect(stub.calls[2]!.at).toBeGreaterThanOrEqual(newDue);
  });

  it('continues as new when its history grows long, carrying its state: notices keep counting, the opening notice is not sent again', async () => {
    const dueAt = Date.now() - 1_000;
    const {
      hazardId: h,
      handle,
      stub,
    } = await start(
      () => ({
        deadline: { ...deadlineAt(dueAt), escalated: true },
        settings: { offsets: [], overdueRepeatMs: 100 },
        historyLimit: 20,
      }),
      {
        reminderOutcome: (request) =>
          request.key.endsWith(':overdue:8')
            ? { outcome: 'obsolete', subjectStatus: 'closed' }
            : { outcome: 'sent' },
      },
    );
    expect(await handle.result()).toBe('closed');
    const firstRun = await harness.client.workflow
      .getHandle(handle.workflowId, handle.firstExecutionRunId)
      .describe();
    expect(firstRun.status.name).toBe('CONTINUED_AS_NEW');

    expect(stub.calls.map(describeCall)).toEqual([
      `hazard_opened hazard:${h}:opened`,
      `markOverdue ${h} ${iso(dueAt)}`,
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `hazard_overdue hazard:${h}:${dueAt}:overdue:${n}`),
      `hazard_closed hazard:${h}:closed`,
    ]);
  });
});
