import {
  defineUpdate,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { CampaignStatus } from './campaign.workflow.js';
import { dutyDeadlineChangedSignal } from './unit-campaign.workflow.js';

// Until the API wrote extensions and cancellations itself, it asked the campaign workflow through
// these updates, which wrote back through two activities. Histories recorded then (and campaigns
// started then) still contain them, so the handlers stay registered, unchanged, for replay. Their
// validators — which Temporal does not run on replay — refuse every new request.

interface DeadlineExtension {
  kind: string;
  period: string;
  unitId?: string;
  dueAt: string;
  reason: string;
  actorId: string;
}

interface LegacyActivities {
  applyDeadlineExtension(
    request: DeadlineExtension & { campaignId: string },
  ): Promise<{ duties: { dutyId: string; unitId: string; dueAt: string }[] }>;
  recordCampaignCancellation(input: {
    campaignId: string;
    reason: string;
    actorId: string;
  }): Promise<void>;
}

const legacy = proxyActivities<LegacyActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const extendDeadlineUpdate = defineUpdate<
  { duties: { dutyId: string; unitId: string; dueAt: string }[] },
  [DeadlineExtension]
>('extendDeadline');
const cancelCampaignUpdate = defineUpdate<CampaignStatus, [{ reason: string; actorId: string }]>(
  'cancelCampaign',
);

const REFUSAL = '请通过 API 延期或撤销：记录后由 API 通知工作流';

export function registerLegacyUpdates(
  campaignId: string,
  units: { unitId: string }[],
  status: CampaignStatus,
  unitWorkflowId: (campaignId: string, unitId: string) => string,
) {
  setHandler(
    extendDeadlineUpdate,
    async (extension) => {
      const result = await legacy.applyDeadlineExtension({ campaignId, ...extension });
      for (const duty of result.duties) {
        await getExternalWorkflowHandle(unitWorkflowId(campaignId, duty.unitId)).signal(
          dutyDeadlineChangedSignal,
          { dutyId: duty.dutyId, dueAt: Date.parse(duty.dueAt) },
        );
      }
      return result;
    },
    {
      validator: (_extension: DeadlineExtension) => {
        throw new Error(REFUSAL);
      },
    },
  );

  setHandler(
    cancelCampaignUpdate,
    async ({ reason, actorId }) => {
      await legacy.recordCampaignCancellation({ campaignId, reason, actorId });
      for (const unit of units) {
        await getExternalWorkflowHandle(unitWorkflowId(campaignId, unit.unitId))
          .cancel()
          .catch(() => undefined);
      }
      status.cancelled = true;
      status.next = null;
      return status;
    },
    {
      validator: (_input: { reason: string; actorId: string }) => {
        throw new Error(REFUSAL);
      },
    },
  );
}
