import { Client, WorkflowExecutionAlreadyStartedError, type Connection } from '@temporalio/client';
import {
  campaignCancelledSignal,
  campaignStatusQuery,
  campaignWorkflow,
  unitWorkflowId,
  type CampaignStatus,
  type CampaignWorkflowInput,
} from '../../workflows/campaign.workflow.js';
import {
  followUpClosedSignal,
  followUpWorkflow,
  type FollowUpInput,
} from '../../workflows/follow-up.workflow.js';
import {
  hazardDeadlineChangedSignal,
  hazardReviewedSignal,
  hazardSubmittedSignal,
  rectificationStatusQuery,
  rectificationWorkflow,
  type RectificationInput,
} from '../../workflows/rectification.workflow.js';
import {
  dutyDeadlineChangedSignal,
  dutySubmittedSignal,
  unitCampaignStatusQuery,
} from '../../workflows/unit-campaign.workflow.js';

/** What the API asks of Temporal; one place for workflow ids and the task queue. */
export interface TemporalGateway {
  startCampaign(input: CampaignWorkflowInput): Promise<string>;
  /** Terminates a campaign's workflow whose creation was rolled back. */
  abandonCampaign(campaignId: string, reason: string): Promise<void>;
  campaignStatus(campaignId: string): Promise<CampaignStatus>;
  /** Tells the campaign's workflow its cancellation is recorded: it stops, with its units. */
  campaignCancelled(campaignId: string, reason: string): Promise<void>;
  /** Whether the campaign's workflow runs and has not heard of a cancellation yet. */
  campaignRunsUncancelled(campaignId: string): Promise<boolean>;
  dutySubmitted(campaignId: string, unitId: string, dutyId: string): Promise<void>;
  dutyDeadlineChanged(
    campaignId: string,
    unitId: string,
    dutyId: string,
    dueAt: number,
  ): Promise<void>;
  /** The deadlines (epoch ms by duty id) a running unit workflow follows; null if not running. */
  unitDeadlines(campaignId: string, unitId: string): Promise<Map<string, number> | null>;
  /** The deadline (epoch ms) a running rectification workflow follows. */
  hazardDeadline(hazardId: string): Promise<number>;
  /** Starts the rectification workflow; false when it was already running. */
  startRectification(input: RectificationInput): Promise<boolean>;
  hazardSubmitted(hazardId: string, submissionId: string): Promise<void>;
  hazardReviewed(
    hazardId: string,
    review: { submissionId: string; decision: 'accept' | 'reject'; deadline?: number },
  ): Promise<void>;
  hazardDeadlineChanged(hazardId: string, deadline: number): Promise<void>;
  startFollowUp(input: FollowUpInput): Promise<boolean>;
  followUpClosed(taskId: string): Promise<void>;
  isHealthy(): Promise<boolean>;
}

export interface TemporalGatewayOptions {
  connection: Connection;
  namespace: string;
  taskQueue: string;
}

const START_DEADLINE_MS = 5_000;

export const campaignWorkflowId = (campaignId: string) => `campaign-${campaignId}`;
export const rectificationWorkflowId = (hazardId: string) => `hazard-${hazardId}`;
export const followUpWorkflowId = (taskId: string) => `follow-up-${taskId}`;

export function createTemporalGateway({
  connection,
  namespace,
  taskQueue,
}: TemporalGatewayOptions): TemporalGateway {
  const client = new Client({ connection, namespace });
  // Bounded, so that an unreachable server turns into a prompt error instead of a long hang.
  const bounded = <T>(fn: () => Promise<T>) =>
    connection.withDeadline(Date.now() + START_DEADLINE_MS, fn);
  const startOnce = async (start: () => Promise<unknown>) => {
    try {
      await bounded(start);
      return true;
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return false;
      throw error;
    }
  };
  const handle = (workflowId: string) => client.workflow.getHandle(workflowId);

  return {
    async startCampaign(input) {
      const workflowId = campaignWorkflowId(input.campaignId);
      await bounded(() =>
        client.workflow.start(campaignWorkflow, { workflowId, taskQueue, args: [input] }),
      );
      return workflowId;
    },
    async abandonCampaign(campaignId, reason) {
      await bounded(() => handle(campaignWorkflowId(campaignId)).terminate(reason));
    },
    campaignStatus: (campaignId) =>
      handle(campaignWorkflowId(campaignId)).query(campaignStatusQuery),
    campaignCancelled: (campaignId, reason) =>
      bounded(() =>
        handle(campaignWorkflowId(campaignId)).signal(campaignCancelledSignal, { reason }),
      ),
    campaignRunsUncancelled: (campaignId) =>
      bounded(async () => {
        const campaign = handle(campaignWorkflowId(campaignId));
        if ((await campaign.describe()).status.name !== 'RUNNING') return false;
        return !(await campaign.query(campaignStatusQuery)).cancelled;
      }),
    dutySubmitted: (campaignId, unitId, dutyId) =>
      bounded(() =>
        handle(unitWorkflowId(campaignId, unitId)).signal(dutySubmittedSignal, { dutyId }),
      ),
    dutyDeadlineChanged: (campaignId, unitId, dutyId, dueAt) =>
      bounded(() =>
        handle(unitWorkflowId(campaignId, unitId)).signal(dutyDeadlineChangedSignal, {
          dutyId,
          dueAt,
        }),
      ),
    unitDeadlines: (campaignId, unitId) =>
      bounded(async () => {
        const unit = handle(unitWorkflowId(campaignId, unitId));
        if ((await unit.describe()).status.name !== 'RUNNING') return null;
        const { duties } = await unit.query(unitCampaignStatusQuery);
        return new Map(duties.filter((d) => !d.submitted).map((d) => [d.dutyId, d.dueAt]));
      }),
    hazardDeadline: (hazardId) =>
      bounded(
        async () =>
          (await handle(rectificationWorkflowId(hazardId)).query(rectificationStatusQuery))
            .deadline,
      ),
    startRectification: (input) =>
      startOnce(() =>
        client.workflow.start(rectificationWorkflow, {
          workflowId: rectificationWorkflowId(input.hazardId),
          taskQueue,
          args: [input],
        }),
      ),
    hazardSubmitted: (hazardId, submissionId) =>
      bounded(() =>
        handle(rectificationWorkflowId(hazardId)).signal(hazardSubmittedSignal, { submissionId }),
      ),
    hazardReviewed: (hazardId, review) =>
      bounded(() => handle(rectificationWorkflowId(hazardId)).signal(hazardReviewedSignal, review)),
    hazardDeadlineChanged: (hazardId, deadline) =>
      bounded(() =>
        handle(rectificationWorkflowId(hazardId)).signal(hazardDeadlineChangedSignal, { deadline }),
      ),
    startFollowUp: (input) =>
      startOnce(() =>
        client.workflow.start(followUpWorkflow, {
          workflowId: followUpWorkflowId(input.taskId),
          taskQueue,
          args: [input],
        }),
      ),
    followUpClosed: (taskId) =>
      bounded(() => handle(followUpWorkflowId(taskId)).signal(followUpClosedSignal)),
    async isHealthy() {
      try {
        await connection.withDeadline(Date.now() + 2_000, () => connection.healthService.check({}));
        return true;
      } catch {
        return false;
      }
    },
  };
}
