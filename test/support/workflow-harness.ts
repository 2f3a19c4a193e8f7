import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import type { CampaignActivities, ReminderOutcome } from '../../activities/index.js';
import type { ReminderRequest } from '../../api/contracts/worker-api.js';
import { createCampaignWorker, installQuietRuntime } from '../../worker.js';

/** One activity call as the stub saw it: which activity, its input, and when (epoch ms). */
export interface ActivityCall {
  name: keyof CampaignActivities;
  input: Record<string, unknown>;
  at: number;
}

export interface StubOptions {
  /**
   * The API's answer to a reminder reservation; 'sent' unless told otherwise. Lets a test play
   * "the API says the subject is closed" (obsolete) without a database.
   */
  reminderOutcome?: (request: ReminderRequest, calls: readonly ActivityCall[]) => ReminderOutcome;
}

export interface ActivityStub {
  activities: CampaignActivities;
  calls: ActivityCall[];
  /** Resolves once `count` calls are recorded (that satisfy `which`, when given). */
  waitForCalls(count: number, which?: (call: ActivityCall) => boolean): Promise<ActivityCall[]>;
}

/**
 * Activities typed as the factory's own type that only record their calls. Kept in one place so
 * that a renamed or added activity is adapted here once, and the compiler points to it.
 */
export function stubActivities(options: StubOptions = {}): ActivityStub {
  const calls: ActivityCall[] = [];
  const waiters: (() => void)[] = [];
  const record = (name: keyof CampaignActivities, input: object) => {
    calls.push({ name, input: { ...input }, at: Date.now() });
    for (const wake of waiters.splice(0)) wake();
  };
  const done = <T>(value: T) => Promise.resolve(value);
  const activities: CampaignActivities = {
    recordPhaseChange: (change) => done(record('recordPhaseChange', change)),
    sendReminder: (request) => {
      record('sendReminder', request);
      return done(options.reminderOutcome?.(request, calls) ?? { outcome: 'sent' });
    },
    markOverdue: (input) => {
      record('markOverdue', input);
      return done({ outcome: 'recorded' as const });
    },
    markEscalated: (input) => {
      record('markEscalated', input);
      return done({ outcome: 'recorded' as const });
    },
  };
  return {
    activities,
    calls,
    async waitForCalls(count, which = () => true) {
      for (;;) {
        const matching = calls.filter(which);
        if (matching.length >= count) return matching;
        await new Promise<void>((wake) => waiters.push(wake));
      }
    },
  };
}

/** A short, readable line per call: `sendReminder hazard_reminder hazard:h1:…` etc. */
export function describeCall(call: ActivityCall): string {
  const { name, input } = call;
  if (name === 'sendReminder') return `${String(input.kind)} ${String(input.key)}`;
  if (name === 'markOverdue')
    return `markOverdue ${String(input.subjectId)} ${String(input.since)}`;
  if (name === 'markEscalated') return `markEscalated ${String(input.hazardId)}`;
  if (name === 'recordPhaseChange') return `phase ${String(input.state)}`;
  return name;
}

export interface WorkflowHarness {
  client: Client;
  taskQueue: string;
  stub: ActivityStub;
  stop(): Promise<void>;
}

let runtimeInstalled = false;

/**
 * A real worker on the test dev server, loading the same workflow bundle as the stack, with the
 * stub's activities on a task queue of its own; and a client to start and signal workflows.
 */
export async function startWorkflowHarness(options: StubOptions = {}): Promise<WorkflowHarness> {
  if (!runtimeInstalled) {
    installQuietRuntime();
    runtimeInstalled = true;
  }
  const address = inject('temporalAddress');
  const taskQueue = `wf-${randomBytes(6).toString('hex')}`;
  const stub = stubActivities(options);
  const nativeConnection = await NativeConnection.connect({ address });
  const worker: Worker = await createCampaignWorker({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    activities: stub.activities,
    workflowBundle: { codePath: inject('workflowBundlePath') },
  });
  const running = worker.run();
  const connection = await Connection.connect({ address });
  return {
    client: new Client({ connection }),
    taskQueue,
    stub,
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
      await nativeConnection.close();
    },
  };
}

/** A workflow id that no other test uses. */
export const uniqueId = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;
