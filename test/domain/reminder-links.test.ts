import { describe, expect, it } from 'vitest';
import { reminderActionPath } from '../../domain/reminders/links.js';
import { REMINDER_KINDS } from '../../domain/reminders/templates.js';

describe('reminder links lead to the action they ask for', () => {
  it.each([
    ['duty_reminder', '/dashboard/duties/d1#submit'],
    ['duty_overdue', '/dashboard/duties/d1#submit'],
    ['hazard_opened', '/dashboard/hazards/d1#evidence'],
    ['hazard_reminder', '/dashboard/hazards/d1#evidence'],
    ['hazard_rejected', '/dashboard/hazards/d1#evidence'],
    ['hazard_overdue', '/dashboard/hazards/d1#evidence'],
    ['hazard_closed', '/dashboard/hazards/d1'],
    ['hazard_submitted', '/dashboard/hazards/d1#verify'],
    ['hazard_escalated', '/dashboard/escalations/d1'],
    ['followup_opened', '/dashboard/follow-ups/d1#close'],
    ['followup_reminder', '/dashboard/follow-ups/d1#close'],
    ['followup_overdue', '/dashboard/follow-ups/d1#close'],
  ] as const)('%s → %s', (kind, path) => {
    expect(reminderActionPath(kind, 'd1')).toBe(path);
  });

  it('has a link for every reminder kind', () => {
    for (const kind of REMINDER_KINDS)
      expect(reminderActionPath(kind, 'x')).toMatch(/^\/dashboard\//);
  });
});
