import {
  endOfShanghaiDay,
  isLocalDate,
  lastDayOfMonth,
  shanghaiDateOf,
  startOfShanghaiDay,
  type LocalDate,
} from '../calendar/shanghai-time.js';
import { toCalendarInstant, toCampaignInstant, type CalendarScale } from '../calendar/scale.js';

/**
 * A data period (数据周期): a range of Asia/Shanghai calendar dates, both ends included. A record
 * at 00:30 on 1 July China time is July's although it is still 30 June in UTC.
 */
export interface StatisticsPeriod {
  from: LocalDate;
  to: LocalDate;
  label: string;
  /** The campaign's calendar, when it is compressed (a demo): dates are its calendar dates. */
  scale?: CalendarScale;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const isMonth = (value: string) => MONTH.test(value);

/** The calendar month 'YYYY-MM' as a period: its first to its last day. */
export function monthPeriod(month: string): StatisticsPeriod {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`Not a YYYY-MM month: ${month}`);
  const year = Number(m[1]);
  const mon = Number(m[2]);
  return {
    from: `${month}-01`,
    to: lastDayOfMonth(year, mon),
    label: `${year}年${mon}月`,
  };
}

/** The dates from..to (both included) as a period. */
export function rangePeriod(from: LocalDate, to: LocalDate): StatisticsPeriod {
  if (!isLocalDate(from) || !isLocalDate(to)) throw new RangeError(`Not dates: ${from}, ${to}`);
  if (from > to) throw new RangeError(`Period ends before it starts: ${from} > ${to}`);
  return { from, to, label: `${from}至${to}` };
}

/** The instants of a period: from the start of `from` (included) to the end of `to` (excluded). */
export function periodInstants(period: StatisticsPeriod): { gte: Date; lt: Date } {
  const at = (calendar: Date) =>
    period.scale ? toCampaignInstant(period.scale, calendar) : calendar;
  return { gte: at(startOfShanghaiDay(period.from)), lt: at(endOfShanghaiDay(period.to)) };
}

/** Whether an instant falls within the period (by its Shanghai calendar date). */
export function inPeriod(instant: Date | null | undefined, period: StatisticsPeriod): boolean {
  if (!instant) return false;
  const date = shanghaiDateOf(period.scale ? toCalendarInstant(period.scale, instant) : instant);
  return date >= period.from && date <= period.to;
}
