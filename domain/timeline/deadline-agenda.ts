// What a deadline-following workflow does next, computed from its state: pure and deterministic,
// shared by the unit-duty, rectification and follow-up workflows, and unit-tested on its own.

export interface ReminderOffset {
  /** Calendar days before the due instant, as people read it ("还剩 3 天"). */
  days: number;
  /** The same in milliseconds of this campaign's calendar (compressed for demos). */
  ms: number;
}

export interface AgendaSettings {
  offsets: readonly ReminderOffset[];
  /** How often an overdue item is reminded again. */
  overdueRepeatMs: number;
  /** Escalate this long after the due instant (rectifications only). */
  escalationGraceMs?: number;
}

export interface DeadlineState {
  /** Epoch ms at which the item becomes late. */
  dueAt: number;
  /** Keys of the before-deadline reminders already handled (they include dueAt). */
  reminded: string[];
  overdueReminders: number;
  lastOverdueAt: number | null;
  escalated: boolean;
}

export type AgendaAction =
  | { type: 'remind'; at: number; days: number; key: string }
  | { type: 'overdue'; at: number; count: number }
  | { type: 'escalate'; at: number };

export function newDeadlineState(dueAt: number): DeadlineState {
  return { dueAt, reminded: [], overdueReminders: 0, lastOverdueAt: null, escalated: false };
}

/** A moved deadline starts a fresh cycle: new reminders, no longer overdue, not escalated. */
export function moveDeadline(state: DeadlineState, dueAt: number): DeadlineState {
  return { ...newDeadlineState(dueAt), reminded: state.reminded };
}

export const reminderKey = (dueAt: number, days: number) => `${dueAt}:before:${days}`;

/**
 * The earliest thing still to do. Reminders whose time had already passed when they were planned
 * (an item created 2 days before its deadline) are skipped, not sent late.
 */
export function nextAction(
  state: DeadlineState,
  settings: AgendaSettings,
  now: number,
): AgendaAction {
  const candidates: AgendaAction[] = [];
  for (const offset of settings.offsets) {
    const at = state.dueAt - offset.ms;
    const key = reminderKey(state.dueAt, offset.days);
    if (at >= now && at < state.dueAt && !state.reminded.includes(key)) {
      candidates.push({ type: 'remind', at, days: offset.days, key });
    }
  }
  candidates.push({
    type: 'overdue',
    at: state.lastOverdueAt === null ? state.dueAt : state.lastOverdueAt + settings.overdueRepeatMs,
    count: state.overdueReminders + 1,
  });
  if (settings.escalationGraceMs !== undefined && !state.escalated) {
    candidates.push({ type: 'escalate', at: state.dueAt + settings.escalationGraceMs });
  }
  // Earliest first; at the same instant, the overdue notice before the escalation.
  const rank = { remind: 0, overdue: 1, escalate: 2 } as const;
  return candidates.sort((a, b) => a.at - b.at || rank[a.type] - rank[b.type])[0]!;
}

/** The state after performing an action. */
export function afterAction(state: DeadlineState, action: AgendaAction): DeadlineState {
  switch (action.type) {
    case 'remind':
      return { ...state, reminded: [...state.reminded, action.key] };
    case 'overdue':
      return { ...state, overdueReminders: action.count, lastOverdueAt: action.at };
    case 'escalate':
      return { ...state, escalated: true };
  }
}
