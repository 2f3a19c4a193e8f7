import { localDate, shanghaiDateOf, type LocalDate } from '../calendar/shanghai-time.js';

/** An enterprise failing spot checks this many times within two years gets a dedicated inspection. */
export const FAILURES_FOR_REINSPECTION = 2;

/**
 * The first day of the two-year window ending on `date`: the same calendar date two years back
 * (inclusive). 29 February maps to 28 February of a common year.
 */
export function twoYearWindowStart(date: LocalDate): LocalDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(year - 2, month, 0)).getUTCDate();
  return localDate(year - 2, month, Math.min(day, lastDay));
}

/** The same calendar date two years later (28 February for 29 February). */
export function twoYearWindowEnd(date: LocalDate): LocalDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(year + 2, month, 0)).getUTCDate();
  return localDate(year + 2, month, Math.min(day, lastDay));
}

/**
 * The failures that, with a newly recorded failed spot check (at `recorded`, itself among them),
 * lie within two years: every failure dated no more than two years before or after it (a
 * back-dated record counts too), by Asia/Shanghai calendar dates, both ends included.
 */
export function failuresWithinTwoYears<T extends { at: Date }>(
  failures: readonly T[],
  recorded: Date,
): T[] {
  const date = shanghaiDateOf(recorded);
  const start = twoYearWindowStart(date);
  const end = twoYearWindowEnd(date);
  return failures.filter(({ at }) => {
    const other = shanghaiDateOf(at);
    return other >= start && other <= end;
  });
}

/** Whether a newly recorded failure makes two or more failures within two years. */
export const reachesReinspectionThreshold = (failedAt: readonly Date[], recorded: Date) =>
  failuresWithinTwoYears(
    failedAt.map((at) => ({ at })),
    recorded,
  ).length >= FAILURES_FOR_REINSPECTION;

/** A serious (重大) hazard calls for interviewing the enterprise (约谈). */
export const needsInterview = (severity: string) => severity === 'serious';
