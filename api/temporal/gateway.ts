import { Client, type Connection } from '@temporalio/client';
import {
  campaignStatusQuery,
  campaignWorkflow,
  type CampaignStatus,
  type CampaignWorkflowInput,
} from '../../workflows/campaign.workflow.js';

/** What the API asks of Temporal; one place for workflow ids and the task queue. */
export interface TemporalGateway {
  startCampaign(input: CampaignWorkflowInput): Promise<string>;
  /** Terminates a campaign's workflow whose creation was rolled back. */
  abandonCampaign(campaignId: string, reason: string): Promise<void>;
  campaignStatus(campaignId: string): Promise<CampaignStatus>;
  isHealthy(): Promise<boolean>;
}

const START_DEADLINE_MS = 5_000;

export const campaignWorkflowId = (campaignId: string) => `campaign-${campaignId}`;

export interface TemporalGatewayOptions {
  connection: Connection;
  namespace: string;
  taskQueue: string;
}

export function createTemporalGateway({
  connection,
  namespace,
  taskQueue,
}: TemporalGatewayOptions): TemporalGateway {
  const client = new Client({ connection, namespace });
  return {
    async startCampaign(input) {
      const workflowId = campaignWorkflowId(input.campaignId);
      // Bounded, so that an unreachable server turns into a prompt 503 instead of a long hang.
      await connection.withDeadline(Date.now() + START_DEADLINE_MS, () =>
        client.workflow.start(campaignWorkflow, { workflowId, taskQueue, args: [input] }),
      );
      return workflowId;
    },
    async abandonCampaign(campaignId, reason) {
      await connection.withDeadline(Date.now() + START_DEADLINE_MS, () =>
        client.workflow.getHandle(campaignWorkflowId(campaignId)).terminate(reason),
      );
    },
    campaignStatus: (campaignId) =>
      client.workflow.getHandle(campaignWorkflowId(campaignId)).query(campaignStatusQuery),
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
