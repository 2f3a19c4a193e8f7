import {
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
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
import { records } from './proxies.js';
import { dutyDeadlineChangedSignal, unitCampaignWorkflow } from './unit-campaign.workflow.js';

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

export interface DeadlineExtension {
  /** Which deadline: e.g. monthly_statistics + 2027-07. */
  kind: string;
  period: string;
  /** One unit, or every unit when omitted. */
  unitId?: string;
  dueAt: string;
  reason: string;
  actorId: string;
}

export const campaignStatusQuery = defineQuery<CampaignStatus>('campaignStatus');
export const extendDeadlineUpdate = defineUpdate<
  { duties: { dutyId: string; unitId: string; dueAt: string }[] },
  [DeadlineExtension]
>('extendDeadline');
export const cancelCampaignUpdate = defineUpdate<
  CampaignStatus,
  [{ reason: string; actorId: string }]
>('cancelCampaign');

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

  setHandler(
    extendDeadlineUpdate,
    async (extension) => {
      const result = await records.applyDeadlineExtension({
        campaignId: input.campaignId,
        ...extension,
      });
      for (const duty of result.duties) {
        await getExternalWorkflowHandle(unitWorkflowId(input.campaignId, duty.unitId)).signal(
          dutyDeadlineChangedSignal,
          { dutyId: duty.dutyId, dueAt: Date.parse(duty.dueAt) },
        );
      }
      return result;
    },
    {
      validator: (extension: DeadlineExtension) => {
        if (!extension.reason.trim()) throw new Error('延期须说明理由');
        if (Number.isNaN(Date.parse(extension.dueAt))) throw new Error('新的截止时间格式不正确');
        if (status.cancelled) throw new Error('专项行动已撤销');
      },
    },
  );

  setHandler(
    cancelCampaignUpdate,
    async ({ reason, actorId }) => {
      await records.recordCampaignCancellation({ campaignId: input.campaignId, reason, actorId });
      for (const unit of input.units ?? []) {
        await getExternalWorkflowHandle(unitWorkflowId(input.campaignId, unit.unitId))
          .cancel()
          .catch(() => undefined); // a unit whose duties are all done has already finished
      }
      status.cancelled = true;
      status.next = null;
      return status;
    },
    {
      validator: ({ reason }: { reason: string; actorId: string }) => {
        if (!reason.trim()) throw new Error('撤销须说明理由');
        if (status.cancelled) throw new Error('专项行动已撤销');
      },
    },
  );

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
  // Let a running update (an extension, the cancellation) finish and answer its caller.
  await condition(allHandlersFinished);
  return status;
}
