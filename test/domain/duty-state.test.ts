import { describe, expect, it } from 'vitest';
import { DUTY_STATE_NAMES, DUTY_STATUS_NAMES } from '../../domain/labels.js';
import { dutyState, isSubmitted, type DutyState } from '../../domain/timeline/duty-state.js';

// The June table of a real campaign: due by 30 June, late from 1 July 00:00 China time.
const dueAt = new Date('2027-06-30T16:00:00.000Z');
const DAY = 86_400_000;
const at = (ms: number) => new Date(dueAt.getTime() + ms);
const real = { demoSecondsPerDay: null, reminderOffsetsDays: [3, 7, 1] };

describe('duty state', () => {
  it('is on time when submitted at the due instant, late one millisecond after', () => {
    const later = at(30 * DAY);
    expect(dutyState({ dueAt, submittedAt: at(-DAY) }, real, later)).toBe('on_time');
    expect(dutyState({ dueAt, submittedAt: at(0) }, real, later)).toBe('on_time');
    expect(dutyState({ dueAt, submittedAt: at(1) }, real, later)).toBe('late');
  });

  it('is overdue only after the due instant while unsubmitted', () => {
    expect(dutyState({ dueAt, submittedAt: null }, real, at(0))).toBe('due');
    expect(dutyState({ dueAt, submittedAt: null }, real, at(1))).toBe('overdue');
  });

  it('becomes due when the earliest reminder begins: the largest offset before dueAt', () => {
    const unsubmitted = { dueAt, submittedAt: null };
    expect(dutyState(unsubmitted, real, at(-7 * DAY - 1))).toBe('not_due');
    expect(dutyState(unsubmitted, real, at(-7 * DAY))).toBe('due');
  });

  it('measures the reminder window in campaign days for a compressed demo', () => {
    const demo = { demoSecondsPerDay: 2, reminderOffsetsDays: [3] };
    const unsubmitted = { dueAt, submittedAt: null };
    expect(dutyState(unsubmitted, demo, at(-6001))).toBe('not_due');
    expect(dutyState(unsubmitted, demo, at(-6000))).toBe('due');
  });

  it('without reminders is due from the start, and never before without settings', () => {
    const unsubmitted = { dueAt, submittedAt: null };
    const none = { demoSecondsPerDay: null, reminderOffsetsDays: [] };
    expect(dutyState(unsubmitted, none, at(-1))).toBe('not_due');
    expect(dutyState(unsubmitted, none, at(0))).toBe('due');
    expect(dutyState(unsubmitted, null, at(-365 * DAY))).toBe('due');
    expect(dutyState(unsubmitted, null, at(1))).toBe('overdue');
  });

  it('names every state; the API folds on time and late into 已报送', () => {
    const states: DutyState[] = ['on_time', 'late', 'overdue', 'due', 'not_due'];
    expect(states.map((s) => DUTY_STATE_NAMES[s])).toEqual([
      '已按期报送',
      '逾期报送',
      '逾期未报',
      '待报送',
      '未到期',
    ]);
    expect(states.filter(isSubmitted)).toEqual(['on_time', 'late']);
    expect(DUTY_STATUS_NAMES).toEqual({ pending: '待报送', submitted: '已报送' });
  });
});
