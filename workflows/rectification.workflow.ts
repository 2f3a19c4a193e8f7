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

export type RectificationStatus = 'open' | 'rectifying' | 'submitted' | 'closed';

/** Follows one hazard of the problem list from its finding until the regulator closes it (销号). */
export interface RectificationInput {
  hazardId: string;
  status: RectificationStatus;
  deadline: DeadlineState;
  settings: AgendaSettings;
  /** Carried across continue-as-new. */
  openedNoticeSent?: boolean;
  pendingSubmissionId?: string | null;
  pendingRejectionId?: string | null;
  verificationWaits?: number;
  historyLimit?: number;
}

export const hazardSubmittedSignal = defineSignal<[{ submissionId: string }]>('hazardSubmitted');
export const hazardReviewedSignal =
  defineSignal<[{ submissionId: string; decision: 'accept' | 'reject'; deadline?: number }]>(
    'hazardReviewed',
  );
export const hazardDeadlineChangedSignal =
  defineSignal<[{ deadline: number }]>('hazardDeadlineChanged');
export const rectificationStatusQuery = defineQuery<{
  status: RectificationStatus;
  deadline: number;
  overdueReminders: number;
  escalated: boolean;
}>('rectificationStatus');

export async function rectificationWorkflow(
  input: RectificationInput,
): Promise<RectificationStatus> {
  let status = input.status;
  let deadline = input.deadline;
  let pendingSubmissionId = input.pendingSubmissionId ?? null;
  let pendingRejectionId = input.pendingRejectionId ?? null;
  let verificationWaits = input.verificationWaits ?? 0;
  let changes = 0;
  const id = input.hazardId;
  const subject = { subjectType: 'hazard' as const, subjectId: id };

  setHandler(hazardSubmittedSignal, ({ submissionId }) => {
    if (status === 'closed') return;
    status = 'submitted';
    pendingSubmissionId = submissionId;
    verificationWaits = 0;
    changes += 1;
  });
  setHandler(hazardReviewedSignal, ({ submissionId, decision, deadline: newDeadline }) => {
    if (status === 'closed') return;
    if (decision === 'accept') {
      status = 'closed';
    } else {
      status = 'rectifying';
      pendingRejectionId = submissionId;
      if (newDeadline !== undefined && newDeadline !== deadline.dueAt) {
        deadline = moveDeadline(deadline, newDeadline);
      }
    }
    changes += 1;
  });
  setHandler(hazardDeadlineChangedSignal, ({ deadline: newDeadline }) => {
    if (newDeadline !== deadline.dueAt) deadline = moveDeadline(deadline, newDeadline);
    changes += 1;
  });
  setHandler(rectificationStatusQuery, () => ({
    status,
    deadline: deadline.dueAt,
    overdueReminders: deadline.overdueReminders,
    escalated: deadline.escalated,
  }));

  if (!input.openedNoticeSent) {
    await mail.sendReminder({ ...subject, key: `hazard:${id}:opened`, kind: 'hazard_opened' });
  }

  for (;;) {
    if (status === 'closed') {
      await mail.sendReminder({ ...subject, key: `hazard:${id}:closed`, kind: 'hazard_closed' });
      return status;
    }
    if (historyTooLong(input.historyLimit)) {
      await continueAsNew<typeof rectificationWorkflow>({
        ...input,
        status,
        deadline,
        openedNoticeSent: true,
        pendingSubmissionId,
        pendingRejectionId,
        verificationWaits,
      });
    }
    const seen = changes;

    if (status === 'submitted') {
      if (pendingSubmissionId) {
        await mail.sendReminder({
          ...subject,
          key: `hazard:${id}:submitted:${pendingSubmissionId}:${verificationWaits}`,
          kind: 'hazard_submitted',
          repeat: verificationWaits + 1,
        });
      }
      // Waiting for the officer's verification; if it does not come in time, remind them again.
      const reviewed = await condition(() => changes !== seen, input.settings.overdueRepeatMs);
      if (!reviewed) verificationWaits += 1;
      continue;
    }

    if (pendingRejectionId) {
      await mail.sendReminder({
        ...subject,
        key: `hazard:${id}:rejected:${pendingRejectionId}`,
        kind: 'hazard_rejected',
      });
      pendingRejectionId = null;
      continue;
    }

    const now = Date.now();
    const action = nextAction(deadline, input.settings, now);
    if (action.at > now && (await condition(() => changes !== seen, action.at - now))) continue;

    let outcome;
    let moved: number | null = null;
    if (action.type === 'remind') {
      outcome = await mail.sendReminder({
        ...subject,
        key: `hazard:${id}:${action.key}`,
        kind: 'hazard_reminder',
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
          key: `hazard:${id}:${deadline.dueAt}:overdue:${action.count}`,
          kind: 'hazard_overdue',
          repeat: action.count,
          dueAt: iso(deadline.dueAt),
        });
      }
    } else {
      moved = movedDeadline(
        await records.markEscalated({
          hazardId: id,
          at: iso(action.at),
          deadline: iso(deadline.dueAt),
        }),
      );
      if (moved === null) {
        outcome = await mail.sendReminder({
          ...subject,
          key: `hazard:${id}:${deadline.dueAt}:escalated`,
          kind: 'hazard_escalated',
          dueAt: iso(deadline.dueAt),
        });
      }
    }
    // The record's deadline moved and the signal saying so was lost: follow the record.
    moved ??= movedDeadline(outcome);
    if (moved !== null) {
      deadline = moveDeadline(deadline, moved);
      continue;
    }
    deadline = afterAction(deadline, action);
    // The API is the source of truth: a lost signal cannot keep reminding about a closed hazard.
    if (outcome?.outcome === 'obsolete' && outcome.subjectStatus) {
      status = outcome.subjectStatus as RectificationStatus;
    }
  }
}
