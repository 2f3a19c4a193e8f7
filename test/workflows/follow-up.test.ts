import { afterEach, describe, expect, it } from 'vitest';
import {
  followUpClosedSignal,
  followUpWorkflow,
  type FollowUpInput,
} from '../../workflows/follow-up.workflow.js';
import {
  describeCall,
  startWorkflowHarness,
  uniqueId,
  type StubOptions,
  type WorkflowHarness,
} from '../support/workflow-harness.js';

const offsets = [
  { days: 3, ms: 4_000 },
  { days: 1, ms: 2_000 },
];
const deadlineAt = (dueAt: number) => ({
  dueAt,
  reminded: [],
  overdueReminders: 0,
  lastOverdueAt: null,
  escalated: false,
});

describe('followUpWorkflow on its own (stub activities)', () => {
  let harness: WorkflowHarness;
  afterEach(() => harness?.stop());

  async function start(input: () => Omit<FollowUpInput, 'taskId'>, options: StubOptions = {}) {
    harness = await startWorkflowHarness(options);
    const taskId = uniqueId('task');
    const handle = await harness.client.workflow.start(followUpWorkflow, {
      workflowId: `follow-up-${taskId}`,
      taskQueue: harness.taskQueue,
      args: [{ taskId, ...input() }],
    });
    return { taskId, handle, stub: harness.stub };
  }

  it('reminds of the task before its deadline, marks it overdue once and repeats until the API says it is done', async () => {
    let dueAt = 0;
    const {
      taskId: t,
      handle,
      stub,
    } = await start(
      () => {
        dueAt = Date.now() + 8_000;
        return { deadline: deadlineAt(dueAt), settings: { offsets, overdueRepeatMs: 400 } };
      },
      {
        reminderOutcome: (request) =>
          request.key.endsWith(':overdue:2')
            ? { outcome: 'obsolete', subjectStatus: 'done' }
            : { outcome: 'sent' },
      },
    );
    expect(await handle.result()).toBe('done');
    expect(stub.calls.map(describeCall)).toEqual([
      `followup_opened task:${t}:opened`,
      `followup_reminder task:${t}:${dueAt}:before:3`,
      `followup_reminder task:${t}:${dueAt}:before:1`,
      `markOverdue ${t} ${new Date(dueAt).toISOString()}`,
      `followup_overdue task:${t}:${dueAt}:overdue:1`,
      `followup_overdue task:${t}:${dueAt}:overdue:2`,
    ]);
    expect(stub.calls[1]!.at).toBeGreaterThanOrEqual(dueAt - 4_000);
    expect(stub.calls[4]!.at).toBeGreaterThanOrEqual(dueAt);
  });

  it('ends when the task is closed, with nothing more sent', async () => {
    const {
      taskId: t,
      handle,
      stub,
    } = await start(() => ({
      deadline: deadlineAt(Date.now() + 60_000),
      settings: { offsets, overdueRepeatMs: 400 },
    }));
    await stub.waitForCalls(1);
    await handle.signal(followUpClosedSignal);
    expect(await handle.result()).toBe('done');
    expect(stub.calls.map(describeCall)).toEqual([`followup_opened task:${t}:opened`]);
  });
});
