import { describe, expect, it } from 'vitest';
import {
  isFollowUpOverdue,
  isHazardOverdue,
  isPastDeadline,
} from '../../domain/timeline/overdue.js';

const deadline = new Date('2027-07-01T16:00:00.000Z');
const at = (ms: number) => new Date(deadline.getTime() + ms);

describe('overdue', () => {
  it('is on time at the deadline instant itself and late one millisecond after', () => {
    expect(isPastDeadline(deadline, at(-1))).toBe(false);
    expect(isPastDeadline(deadline, at(0))).toBe(false);
    expect(isPastDeadline(deadline, at(1))).toBe(true);
  });

  it('counts a hazard overdue only while it is not closed', () => {
    for (const status of ['open', 'rectifying', 'submitted'] as const) {
      expect(isHazardOverdue({ status, deadline }, at(0))).toBe(false);
      expect(isHazardOverdue({ status, deadline }, at(1))).toBe(true);
    }
    expect(isHazardOverdue({ status: 'closed', deadline }, at(1))).toBe(false);
  });

  it('counts a follow-up task overdue only while it is open', () => {
    expect(isFollowUpOverdue({ status: 'open', dueAt: deadline }, at(0))).toBe(false);
    expect(isFollowUpOverdue({ status: 'open', dueAt: deadline }, at(1))).toBe(true);
    expect(isFollowUpOverdue({ status: 'done', dueAt: deadline }, at(1))).toBe(false);
    expect(isFollowUpOverdue({ status: 'cancelled', dueAt: deadline }, at(1))).toBe(false);
  });
});
