import { campaignDayLength } from './day-length.js';
import type { CampaignPhase } from './phases.js';
import {
  endOfShanghaiDay,
  lastDayOfMonth,
  localDate,
  startOfShanghaiDay,
  type LocalDate,
} from './shanghai-time.js';
import { REAL_TIME, toCampaignInstant, type CalendarScale } from './scale.js';
import type { CampaignTemplate, MonthDay } from './templates.js';

/** The kinds of reporting deadline a campaign sets its units. */
export const DEADLINE_KINDS = ['monthly_statistics', 'phase_summary', 'annual_summary'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export interface MaterialisedPhase {
  key: CampaignPhase;
  name: string;
  order: number;
  startDate: LocalDate;
  endDate: LocalDate;
  startsAt: Date;
  endsAt: Date;
}

export interface MaterialisedDeadline {
  kind: DeadlineKind;
  period: string;
  name: string;
  /** The last calendar day that is on time. */
  dueDate: LocalDate;
  /** The instant the duty becomes late: the end of dueDate. */
  dueAt: Date;
}

export interface CampaignCalendar {
  startsAt: Date;
  endsAt: Date;
  phases: MaterialisedPhase[];
  deadlines: MaterialisedDeadline[];
}

/**
 * How calendar time maps to real instants. `real`: Asia/Shanghai dates as they are. `compressed`:
 * the campaign's first day begins at `origin` and every calendar day lasts `secondsPerDay` seconds,
 * so a demo or a test runs the same calendar in minutes. Workflows only ever see the result.
 */
export type TimeScale =
  { kind: 'real' } | { kind: 'compressed'; origin: Date; secondsPerDay: number };

/** The mapping between this template's calendar in `year` and real instants. */
export function calendarScale(
  template: CampaignTemplate,
  year: number,
  scale: TimeScale = { kind: 'real' },
): CalendarScale {
  const [month, day] = template.phases[0]!.from;
  const calendarStart = startOfShanghaiDay(localDate(year, month, day)).getTime();
  return scale.kind === 'real'
    ? REAL_TIME(calendarStart)
    : {
        calendarStart,
        campaignStart: scale.origin.getTime(),
        msPerDay: campaignDayLength({ demoSecondsPerDay: scale.secondsPerDay }),
      };
}

export function materialiseCalendar(
  template: CampaignTemplate,
  year: number,
  scale: TimeScale = { kind: 'real' },
): CampaignCalendar {
  const date = ([month, day]: MonthDay) => localDate(year, month, day);
  const toInstant = (real: Date): Date =>
    toCampaignInstant(calendarScale(template, year, scale), real);

  const phases = template.phases.map((p, index) => ({
    key: p.key,
    name: p.name,
    order: index + 1,
    startDate: date(p.from),
    endDate: date(p.to),
    startsAt: toInstant(startOfShanghaiDay(date(p.from))),
    endsAt: toInstant(endOfShanghaiDay(date(p.to))),
  }));

  const deadline = (kind: DeadlineKind, period: string, name: string, dueDate: LocalDate) => ({
    kind,
    period,
    name,
    dueDate,
    dueAt: toInstant(endOfShanghaiDay(dueDate)),
  });
  const deadlines: MaterialisedDeadline[] = [
    ...template.monthlyStatisticsMonths.map((month) =>
      deadline(
        'monthly_statistics',
        `${year}-${String(month).padStart(2, '0')}`,
        `${year}年${month}月统计表`,
        lastDayOfMonth(year, month),
      ),
    ),
    deadline('phase_summary', String(year), '阶段性工作总结', date(template.phaseSummaryDue)),
    deadline(
      'annual_summary',
      String(year),
      '全年工作总结和统计表',
      date(template.annualSummaryDue),
    ),
  ].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());

  return {
    startsAt: phases[0]!.startsAt,
    endsAt: new Date(Math.max(...phases.map((p) => p.endsAt.getTime()))),
    phases,
    deadlines,
  };
}
