import { condition, continueAsNew, defineSignal, setHandler } from '@temporalio/workflow';
import {
  afterAction,
  nextAction,
  type AgendaSettings,
  type DeadlineState,
} from '../domain/timeline/deadline-agenda.js';
import { historyTooLong, mail, records } from './proxies.js';

/** A dedicated re-inspection or an interview task, followed until the unit closes it. */
export interface FollowUpInput {
  taskId: string;
  deadline: DeadlineState;
  settings: AgendaSettings;
  openedNoticeSent?: boolean;
  historyLimit?: number;
}

export const followUpClosedSignal = defineSignal('followUpClosed');

export async function followUpWorkflow(input: FollowUpInput): Promise<'done'> {
  let closed = false;
  let deadline = input.deadline;
  const subject = { subjectType: 'task' as const, subjectId: input.taskId };
  setHandler(followUpClosedSignal, () => {
    closed = true;
  });

  if (!input.openedNoticeSent) {
    await mail.sendReminder({
      ...subject,
      key: `task:${input.taskId}:opened`,
      kind: 'followup_opened',
    });
  }
  while (!closed) {
    if (historyTooLong(input.historyLimit)) {
      await continueAsNew<typeof followUpWorkflow>({ ...input, deadline, openedNoticeSent: true });
    }
    const now = Date.now();
    const action = nextAction(deadline, input.settings, now);
    if (action.at > now && (await condition(() => closed, action.at - now))) break;
    let outcome = null;
    if (action.type === 'remind') {
      outcome = await mail.sendReminder({
        ...subject,
        key: `task:${input.taskId}:${action.key}`,
        kind: 'followup_reminder',
        daysLeft: action.days,
      });
    } else if (action.type === 'overdue') {
      if (action.count === 1) {
        await records.markOverdue({ ...subject, since: new Date(deadline.dueAt).toISOString() });
      }
      outcome = await mail.sendReminder({
        ...subject,
        key: `task:${input.taskId}:${deadline.dueAt}:overdue:${action.count}`,
        kind: 'followup_overdue',
        repeat: action.count,
      });
    }
    deadline = afterAction(deadline, action);
    if (outcome?.outcome === 'obsolete') closed = true;
  }
  return 'done';
}
