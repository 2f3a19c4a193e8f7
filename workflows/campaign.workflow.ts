import {
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  defineQuery,
  defineSignal,
  getExternalWorkflowHandle,
  log,
  setHandler,
  startChild,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import { DAY_MS } from '../domain/calendar/day-length.js';
import {
  phaseTransitions,
  type CampaignPhase,
  type CampaignState,
  type PhaseTransition,
} from '../domain/calendar/phases.js';
import { newDeadlineState, type AgendaSettings } from '../domain/timeline/deadline-agenda.js';
import { registerLegacyUpdates } from './legacy-campaign-updates.js';
import { records } from './proxies.js';
import { unitCampaignWorkflow } from './unit-campaign.workflow.js';

export interface CampaignWorkflowInput {
  campaignId: string;
  /** Absolute instants (ISO); the workflow never knows whether the calendar is compressed. */
  phases: { key: CampaignPhase; startsAt: string }[];
  endsAt: string;
  /** Each implementing unit's duties (epoch ms due instants); one child workflow per unit. */
  units?: { unitId: string; duties: { dutyId: string; dueAt: number }[] }[];
  dutySettings?: AgendaSettings;
}

export interface CampaignStatus {
  campaignId: string;
  state: CampaignState;
  next: PhaseTransition | null;
  cancelled: boolean;
}

export const campaignStatusQuery = defineQuery<CampaignStatus>('campaignStatus');
/** The API has recorded the campaign's cancellation: stop the timeline and every unit's. */
export const campaignCancelledSignal = defineSignal<[{ reason: string }]>('campaignCancelled');

export const unitWorkflowId = (campaignId: string, unitId: string) =>
  `campaign-${campaignId}-unit-${unitId}`;

export async function campaignWorkflow(input: CampaignWorkflowInput): Promise<CampaignStatus> {
  const transitions = phaseTransitions(input.phases, input.endsAt);
  const status: CampaignStatus = {
    campaignId: input.campaignId,
    state: 'not_started',
    next: transitions[0] ?? null,
    cancelled: false,
  };
  setHandler(campaignStatusQuery, () => status);

  let cancelledByApi = false;
  setHandler(campaignCancelledSignal, () => {
    if (status.cancelled) return;
    status.cancelled = true;
    status.next = null;
    cancelledByApi = true;
  });
  registerLegacyUpdates(input.campaignId, input.units ?? [], status, unitWorkflowId);

  const children: ChildWorkflowHandle<typeof unitCampaignWorkflow>[] = [];
  for (const unit of input.units ?? []) {
    children.push(
      await startChild(unitCampaignWorkflow, {
        workflowId: unitWorkflowId(input.campaignId, unit.unitId),
        // The annual summary is due after the campaign closes: units outlive the timeline.
        parentClosePolicy: ParentClosePolicy.ABANDON,
        args: [
          {
            campaignId: input.campaignId,
            unitId: unit.unitId,
            duties: unit.duties.map((d) => ({
              dutyId: d.dutyId,
              deadline: newDeadlineState(d.dueAt),
              submitted: false,
            })),
            settings: input.dutySettings ?? { offsets: [], overdueRepeatMs: DAY_MS },
          },
        ],
      }),
    );
  }

  for (const [index, transition] of transitions.entries()) {
    const wait = Date.parse(transition.at) - Date.now();
    if (wait > 0 && (await condition(() => status.cancelled, wait))) break;
    if (status.cancelled) break;
    // Recorded first, so that the status query never runs ahead of the records.
    await records.recordPhaseChange({
      campaignId: input.campaignId,
      state: transition.state,
      at: transition.at,
    });
    status.state = transition.state;
    status.next = transitions[index + 1] ?? null;
    log.info('campaign phase changed', { campaignId: input.campaignId, state: transition.state });
  }

  // The campaign's work ends when every unit has submitted every duty, or when it is cancelled.
  const unitsDone = Promise.all(
    children.map((child) =>
      child.result().then(
        () => undefined,
        () => undefined,
      ),
    ),
  );
  await Promise.race([unitsDone, condition(() => status.cancelled)]);
  if (cancelledByApi) {
    for (const unit of input.units ?? []) {
      await getExternalWorkflowHandle(unitWorkflowId(input.campaignId, unit.unitId))
        .cancel()
        .catch(() => undefined); // a unit whose duties are all done has already finished
    }
  }
  // Let a running (legacy) update finish and answer its caller.
  await condition(allHandlersFinished);
  return status;
}
