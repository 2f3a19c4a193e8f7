import { Client, WorkflowExecutionAlreadyStartedError, type Connection } from '@temporalio/client';
import {
  campaignStatusQuery,
  campaignWorkflow,
  cancelCampaignUpdate,
  extendDeadlineUpdate,
  unitWorkflowId,
  type CampaignStatus,
  type CampaignWorkflowInput,
  type DeadlineExtension,
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
  rectificationWorkflow,
  type RectificationInput,
} from '../../workflows/rectification.workflow.js';
import { dutySubmittedSignal } from '../../workflows/unit-campaign.workflow.js';

/** What the API asks of Temporal; one place for workflow ids and the task queue. */
export interface TemporalGateway {
  startCampaign(input: CampaignWorkflowInput): Promise<string>;
  /** Terminates a campaign's workflow whose creation was rolled back. */
  abandonCampaign(campaignId: string, reason: string): Promise<void>;
  campaignStatus(campaignId: string): Promise<CampaignStatus>;
  extendDeadline(
    campaignId: string,
    extension: DeadlineExtension,
  ): Promise<{ duties: { dutyId: string; unitId: string; dueAt: string }[] }>;
  cancelCampaign(campaignId: string, reason: string, actorId: string): Promise<CampaignStatus>;
  dutySubmitted(campaignId: string, unitId: string, dutyId: string): Promise<void>;
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
    extendDeadline: (campaignId, extension) =>
      handle(campaignWorkflowId(campaignId)).executeUpdate(extendDeadlineUpdate, {
        args: [extension],
      }),
    cancelCampaign: (campaignId, reason, actorId) =>
      handle(campaignWorkflowId(campaignId)).executeUpdate(cancelCampaignUpdate, {
        args: [{ reason, actorId }],
      }),
    dutySubmitted: (campaignId, unitId, dutyId) =>
      bounded(() =>
        handle(unitWorkflowId(campaignId, unitId)).signal(dutySubmittedSignal, { dutyId }),
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
