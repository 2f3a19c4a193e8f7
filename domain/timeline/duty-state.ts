// Where a unit's reporting duty stands. One rule for the API's duty status and the dashboard's
// badges; their names are in labels.ts (DUTY_STATE_NAMES, DUTY_STATUS_NAMES).

import { campaignDayLength } from '../calendar/day-length.js';
import { isPastDeadline } from './overdue.js';

/**
 * 已按期报送 (on_time), 逾期报送 (late), 逾期未报 (overdue), 待报送 (due: its reminders have begun),
 * 未到期 (not_due).
 */
export type DutyState = 'on_time' | 'late' | 'overdue' | 'due' | 'not_due';

export interface DutyTiming {
  dueAt: Date;
  /** Set, together with status `submitted`, by the first submission. */
  submittedAt: Date | null;
}

/** The campaign settings that decide when a duty's reminders begin. */
export interface DutyReminderTiming {
  demoSecondsPerDay: number | null;
  reminderOffsetsDays: readonly number[];
}

/**
 * Submitted on time when submittedAt ≤ dueAt, else late; overdue when still unsubmitted after
 * dueAt; "to be submitted" once its reminders have begun (the largest reminder offset before
 * dueAt), else not yet due. Without reminder settings (`null`), every unsubmitted duty that is not
 * overdue counts as due.
 */
export function dutyState(
  duty: DutyTiming,
  reminders: DutyReminderTiming | null,
  now: Date,
): DutyState {
  if (duty.submittedAt) {
    return isPastDeadline(duty.dueAt, duty.submittedAt) ? 'late' : 'on_time';
  }
  if (isPastDeadline(duty.dueAt, now)) return 'overdue';
  if (reminders === null) return 'due';
  const window = Math.max(0, ...reminders.reminderOffsetsDays) * campaignDayLength(reminders);
  return duty.dueAt.getTime() - window <= now.getTime() ? 'due' : 'not_due';
}

/** Submitted, on time or late. */
export const isSubmitted = (state: DutyState): state is 'on_time' | 'late' =>
  state === 'on_time' || state === 'late';
