import {
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  setHandler,
} from '@temporalio/workflow';
import {
  afterAction,
  moveDeadline,
  nextAction,
  type AgendaSettings,
  type DeadlineState,
} from '../domain/timeline/deadline-agenda.js';
import { historyTooLong, iso, mail, movedDeadline, records } from './proxies.js';

/** One implementing unit's reporting duties in a campaign, followed until all are submitted. */
export interface UnitCampaignInput {
  campaignId: string;
  unitId: string;
  duties: { dutyId: string; deadline: DeadlineState; submitted: boolean }[];
  settings: AgendaSettings;
  historyLimit?: number;
}

export interface UnitCampaignStatus {
  unitId: string;
  duties: { dutyId: string; dueAt: number; submitted: boolean; overdueReminders: number }[];
}

export const dutySubmittedSignal = defineSignal<[{ dutyId: string }]>('dutySubmitted');
export const dutyDeadlineChangedSignal =
  defineSignal<[{ dutyId: string; dueAt: number }]>('dutyDeadlineChanged');
export const unitCampaignStatusQuery = defineQuery<UnitCampaignStatus>('unitCampaignStatus');

export async function unitCampaignWorkflow(input: UnitCampaignInput): Promise<UnitCampaignStatus> {
  const duties = input.duties.map((d) => ({ ...d }));
  let changes = 0;
  const status = (): UnitCampaignStatus => ({
    unitId: input.unitId,
    duties: duties.map((d) => ({
      dutyId: d.dutyId,
      dueAt: d.deadline.dueAt,
      submitted: d.submitted,
      overdueReminders: d.deadline.overdueReminders,
    })),
  });
  setHandler(dutySubmittedSignal, ({ dutyId }) => {
    const duty = duties.find((d) => d.dutyId === dutyId);
    if (duty && !duty.submitted) {
      duty.submitted = true;
      changes += 1;
    }
  });
  setHandler(dutyDeadlineChangedSignal, ({ dutyId, dueAt }) => {
    const duty = duties.find((d) => d.dutyId === dutyId);
    if (duty && duty.deadline.dueAt !== dueAt) {
      duty.deadline = moveDeadline(duty.deadline, dueAt);
      changes += 1;
    }
  });
  setHandler(unitCampaignStatusQuery, status);

  for (;;) {
    const pending = duties.filter((d) => !d.submitted);
    if (pending.length === 0) return status();
    if (historyTooLong(input.historyLimit)) {
      await continueAsNew<typeof unitCampaignWorkflow>({ ...input, duties });
    }
    const now = Date.now();
    const [next] = pending
      .map((duty) => ({ duty, action: nextAction(duty.deadline, input.settings, now) }))
      .sort((a, b) => a.action.at - b.action.at);
    const { duty, action } = next!;
    const seen = changes;
    if (action.at > now && (await condition(() => changes !== seen, action.at - now))) continue;

    const subject = { subjectType: 'duty' as const, subjectId: duty.dutyId };
    const dueAt = duty.deadline.dueAt;
    let outcome = null;
    let moved: number | null = null;
    if (action.type === 'remind') {
      outcome = await mail.sendReminder({
        ...subject,
        key: `duty:${duty.dutyId}:${action.key}`,
        kind: 'duty_reminder',
        daysLeft: action.days,
        dueAt: iso(dueAt),
      });
    } else if (action.type === 'overdue') {
      if (action.count === 1) {
        moved = movedDeadline(await records.markOverdue({ ...subject, since: iso(dueAt) }));
      }
      if (moved === null) {
        outcome = await mail.sendReminder({
          ...subject,
          key: `duty:${duty.dutyId}:${dueAt}:overdue:${action.count}`,
          kind: 'duty_overdue',
          repeat: action.count,
          dueAt: iso(dueAt),
        });
      }
    }
    // The record's deadline moved and the signal saying so was lost: follow the record.
    moved ??= movedDeadline(outcome ?? undefined);
    if (moved !== null) {
      duty.deadline = moveDeadline(duty.deadline, moved);
      continue;
    }
    duty.deadline = afterAction(duty.deadline, action);
    // The API is the source of truth: a submission whose signal was lost still stops reminders.
    if (outcome?.outcome === 'obsolete') duty.submitted = true;
  }
}
