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
  campaignStatus(campaignId: string): Promise<CampaignStatus>;
  isHealthy(): Promise<boolean>;
}

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
      await client.workflow.start(campaignWorkflow, { workflowId, taskQueue, args: [input] });
      return workflowId;
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
