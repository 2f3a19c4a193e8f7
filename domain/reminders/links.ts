import type { ReminderKind } from './templates.js';

// Where each reminder's link leads: the page on which the action it asks for is one click away,
// with the anchor of that action's form.

export type ReminderSubjectType = 'duty' | 'hazard' | 'task';

const HAZARD_ACTION: Record<Extract<ReminderKind, `hazard_${string}`>, string> = {
  hazard_opened: '#evidence',
  hazard_reminder: '#evidence',
  hazard_rejected: '#evidence',
  hazard_overdue: '#evidence',
  hazard_closed: '',
  hazard_submitted: '#verify',
  hazard_escalated: '',
};

/** The dashboard path (with the action's anchor) that a reminder of this kind links to. */
export function reminderActionPath(kind: ReminderKind, subjectId: string): string {
  switch (kind) {
    case 'duty_reminder':
    case 'duty_overdue':
      return `/dashboard/duties/${subjectId}#submit`;
    case 'followup_opened':
    case 'followup_reminder':
    case 'followup_overdue':
      return `/dashboard/follow-ups/${subjectId}#close`;
    case 'hazard_escalated':
      return `/dashboard/escalations/${subjectId}`;
    default:
      return `/dashboard/hazards/${subjectId}${HAZARD_ACTION[kind]}`;
  }
}
