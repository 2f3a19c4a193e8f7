import { describe, expect, it } from 'vitest';
import {
  afterAction,
  moveDeadline,
  newDeadlineState,
  nextAction,
  type AgendaAction,
  type AgendaSettings,
} from '../../domain/timeline/deadline-agenda.js';

const DAY = 1000;
const settings: AgendaSettings = {
  offsets: [
    { days: 7, ms: 7 * DAY },
    { days: 3, ms: 3 * DAY },
    { days: 1, ms: 1 * DAY },
  ],
  overdueRepeatMs: 2 * DAY,
  escalationGraceMs: 3 * DAY,
};

/** Runs the agenda from `now` until `until`, as a workflow would, and lists what it did. */
function run(dueAt: number, now: number, until: number, withEscalation = true) {
  const s = withEscalation ? settings : { ...settings, escalationGraceMs: undefined };
  let state = newDeadlineState(dueAt);
  const done: AgendaAction[] = [];
  for (;;) {
    const action = nextAction(state, s, now);
    if (action.at > until) return done;
    now = action.at;
    done.push(action);
    state = afterAction(state, action);
  }
}

describe('deadline agenda', () => {
  it('reminds 7, 3 and 1 days before, then repeats overdue notices and escalates once', () => {
    const done = run(20 * DAY, 0, 26 * DAY);
    expect(done.map((a) => [a.type, a.at / DAY])).toEqual([
      ['remind', 13],
      ['remind', 17],
      ['remind', 19],
      ['overdue', 20],
      ['overdue', 22],
      ['escalate', 23],
      ['overdue', 24],
      ['overdue', 26],
    ]);
  });

  it('skips reminders whose time had passed when the item was created', () => {
    const done = run(20 * DAY, 18 * DAY, 20 * DAY, false);
    expect(done.map((a) => [a.type, a.at / DAY])).toEqual([
      ['remind', 19],
      ['overdue', 20],
    ]);
  });

  it('starts afresh when the deadline moves', () => {
    let state = newDeadlineState(10 * DAY);
    state = afterAction(state, nextAction(state, settings, 0)); // 7-day reminder at day 3
    state = moveDeadline(state, 30 * DAY);
    expect(nextAction(state, settings, 4 * DAY)).toMatchObject({
      type: 'remind',
      at: 23 * DAY,
      days: 7,
    });
    expect(state.overdueReminders).toBe(0);
  });
});
