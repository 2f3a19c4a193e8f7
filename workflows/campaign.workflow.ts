import { defineQuery, log, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { CampaignActivities } from '../activities/index.js';
import {
  phaseTransitions,
  type CampaignPhase,
  type CampaignState,
  type PhaseTransition,
} from '../domain/calendar/phases.js';

export interface CampaignWorkflowInput {
  campaignId: string;
  /** Absolute instants (ISO); the workflow never knows whether the calendar is compressed. */
  phases: { key: CampaignPhase; startsAt: string }[];
  endsAt: string;
}

export interface CampaignStatus {
  campaignId: string;
  state: CampaignState;
  next: PhaseTransition | null;
}

export const campaignStatusQuery = defineQuery<CampaignStatus>('campaignStatus');

// Recording a phase change is a small idempotent API write: retry quickly, then keep trying
// for as long as the API is down — the timeline must not skip a recorded phase.
const { recordPhaseChange } = proxyActivities<CampaignActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

async function sleepUntil(at: string): Promise<void> {
  const ms = Date.parse(at) - Date.now();
  if (ms > 0) await sleep(ms);
}

export async function campaignWorkflow(input: CampaignWorkflowInput): Promise<CampaignStatus> {
  const transitions = phaseTransitions(input.phases, input.endsAt);
  const status: CampaignStatus = {
    campaignId: input.campaignId,
    state: 'not_started',
    next: transitions[0] ?? null,
  };
  setHandler(campaignStatusQuery, () => status);

  for (const [index, transition] of transitions.entries()) {
    await sleepUntil(transition.at);
    status.state = transition.state;
    status.next = transitions[index + 1] ?? null;
    await recordPhaseChange({
      campaignId: input.campaignId,
      state: transition.state,
      at: transition.at,
    });
    log.info('campaign phase changed', { campaignId: input.campaignId, state: transition.state });
  }
  return status;
}
