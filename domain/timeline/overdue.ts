// When an item with a deadline is late. The deadline instant itself is still on time: a duty due
// by 30 June has dueAt 1 July 00:00 and is overdue only after it. The database filters that list
// overdue items mirror this with `{ lt: now }`.

import type { FOLLOW_UP_STATUS_NAMES, HazardStatusKey } from '../labels.js';

/** The deadline has passed: `now` is strictly after it. */
export const isPastDeadline = (deadline: Date, now: Date): boolean =>
  deadline.getTime() < now.getTime();

/** A hazard is overdue while it is not closed (销号) after its rectification deadline. */
export const isHazardOverdue = (hazard: { status: HazardStatusKey; deadline: Date }, now: Date) =>
  hazard.status !== 'closed' && isPastDeadline(hazard.deadline, now);

/** A follow-up task (re-inspection, interview) is overdue while still open after its deadline. */
export const isFollowUpOverdue = (
  task: { status: keyof typeof FOLLOW_UP_STATUS_NAMES; dueAt: Date },
  now: Date,
) => task.status === 'open' && isPastDeadline(task.dueAt, now);
