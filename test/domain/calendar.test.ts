import { describe, expect, it } from 'vitest';
import { materialiseCalendar } from '../../domain/calendar/materialise.js';
import { phaseTransitions, stateAt } from '../../domain/calendar/phases.js';
import {
  endOfShanghaiDay,
  formatShanghai,
  isLocalDate,
  shanghaiDateOf,
  startOfShanghaiDay,
} from '../../domain/calendar/shanghai-time.js';
import { SHANGHAI_2023 } from '../../domain/calendar/templates.js';

describe('Asia/Shanghai calendar arithmetic', () => {
  it('puts 00:30 on 1 July China time in July although it is still 30 June in UTC', () => {
    const instant = new Date('2027-06-30T16:30:00Z');
    expect(shanghaiDateOf(instant)).toBe('2027-07-01');
    expect(formatShanghai(instant)).toBe('2027-07-01 00:30');
  });

  it('starts and ends a China day at 16:00 UTC', () => {
    expect(startOfShanghaiDay('2027-08-15').toISOString()).toBe('2027-08-14T16:00:00.000Z');
    expect(endOfShanghaiDay('2027-08-15').toISOString()).toBe('2027-08-15T16:00:00.000Z');
  });

  it('rejects dates that do not exist', () => {
    expect(isLocalDate('2027-02-29')).toBe(false);
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(() => startOfShanghaiDay('2027-13-01')).toThrow(RangeError);
  });
});

describe('materialising the Shanghai 2023 template', () => {
  const calendar = materialiseCalendar(SHANGHAI_2023, 2027);

  it('runs from 1 June to the end of October, China time', () => {
    expect(calendar.startsAt.toISOString()).toBe('2027-05-31T16:00:00.000Z');
    expect(calendar.endsAt.toISOString()).toBe('2027-10-31T16:00:00.000Z');
  });

  it('has the four phases as the notice writes them, overlapping at month boundaries', () => {
    expect(calendar.phases.map((p) => [p.key, p.startDate, p.endDate])).toEqual([
      ['deployment', '2027-06-01', '2027-07-31'],
      ['investigation', '2027-07-01', '2027-08-31'],
      ['resolution', '2027-09-01', '2027-09-30'],
      ['consolidation', '2027-10-01', '2027-10-31'],
    ]);
  });

  it('has a statistics table due every month end June–October, then 15 August and 15 November', () => {
    expect(
      calendar.deadlines.map((d) => [d.kind, d.period, d.dueDate, d.dueAt.toISOString()]),
    ).toEqual([
      ['monthly_statistics', '2027-06', '2027-06-30', '2027-06-30T16:00:00.000Z'],
      ['monthly_statistics', '2027-07', '2027-07-31', '2027-07-31T16:00:00.000Z'],
      ['phase_summary', '2027', '2027-08-15', '2027-08-15T16:00:00.000Z'],
      ['monthly_statistics', '2027-08', '2027-08-31', '2027-08-31T16:00:00.000Z'],
      ['monthly_statistics', '2027-09', '2027-09-30', '2027-09-30T16:00:00.000Z'],
      ['monthly_statistics', '2027-10', '2027-10-31', '2027-10-31T16:00:00.000Z'],
      ['annual_summary', '2027', '2027-11-15', '2027-11-15T16:00:00.000Z'],
    ]);
  });

  it('compresses the same calendar linearly: 1 June begins at the origin', () => {
    const origin = new Date('2026-11-22T03:00:00Z');
    const compressed = materialiseCalendar(SHANGHAI_2023, 2027, {
      kind: 'compressed',
      origin,
      secondsPerDay: 2,
    });
    const offset = (d: Date) => (d.getTime() - origin.getTime()) / 1000;
    expect(offset(compressed.startsAt)).toBe(0);
    // 1 July is 30 days after 1 June; 1 November (campaign end) 153 days.
    expect(offset(compressed.phases[1]!.startsAt)).toBe(60);
    expect(offset(compressed.endsAt)).toBe(306);
    // The June table is due at the end of 30 June: 30 days.
    expect(offset(compressed.deadlines[0]!.dueAt)).toBe(60);
    expect(compressed.deadlines.map((d) => d.dueDate)).toEqual(
      calendar.deadlines.map((d) => d.dueDate),
    );
  });
});

describe('campaign state over time', () => {
  const calendar = materialiseCalendar(SHANGHAI_2023, 2027);
  const transitions = phaseTransitions(
    calendar.phases.map((p) => ({ key: p.key, startsAt: p.startsAt.toISOString() })),
    calendar.endsAt.toISOString(),
  );
  const at = (iso: string) => stateAt(transitions, new Date(iso));

  it('is the most recently started phase, closed after October', () => {
    expect(at('2027-05-31T15:59:59.999Z')).toBe('not_started');
    expect(at('2027-05-31T16:00:00Z')).toBe('deployment');
    expect(at('2027-07-15T00:00:00Z')).toBe('investigation');
    expect(at('2027-09-01T00:00:00Z')).toBe('resolution');
    expect(at('2027-10-31T15:59:59Z')).toBe('consolidation');
    expect(at('2027-10-31T16:00:00Z')).toBe('closed');
  });

  it('lists the transitions in time order, ending with closed', () => {
    expect(transitions.map((t) => t.state)).toEqual([
      'deployment',
      'investigation',
      'resolution',
      'consolidation',
      'closed',
    ]);
  });
});
