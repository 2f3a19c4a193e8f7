import { condition, continueAsNew, defineSignal, setHandler } from '@temporalio/workflow';
import {
  afterAction,
  moveDeadline,
  nextAction,
  type AgendaSettings,
  type DeadlineState,
} from '../domain/timeline/deadline-agenda.js';
import { historyTooLong, iso, mail, movedDeadline, records } from './proxies.js';

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
    let moved: number | null = null;
    if (action.type === 'remind') {
      outcome = await mail.sendReminder({
        ...subject,
        key: `task:${input.taskId}:${action.key}`,
        kind: 'followup_reminder',
        daysLeft: action.days,
        dueAt: iso(deadline.dueAt),
      });
    } else if (action.type === 'overdue') {
      if (action.count === 1) {
        moved = movedDeadline(
          await records.markOverdue({ ...subject, since: iso(deadline.dueAt) }),
        );
      }
      if (moved === null) {
        outcome = await mail.sendReminder({
          ...subject,
          key: `task:${input.taskId}:${deadline.dueAt}:overdue:${action.count}`,
          kind: 'followup_overdue',
          repeat: action.count,
          dueAt: iso(deadline.dueAt),
        });
      }
    }
    moved ??= movedDeadline(outcome ?? undefined);
    if (moved !== null) {
      deadline = moveDeadline(deadline, moved);
      continue;
    }
    deadline = afterAction(deadline, action);
    if (outcome?.outcome === 'obsolete') closed = true;
  }
  return 'done';
}
