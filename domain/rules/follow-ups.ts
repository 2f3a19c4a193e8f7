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

/**
 * Whether a newly recorded failed spot check (at `latest`) makes the enterprise's failures within
 * two years reach the threshold. `failedAt` are the instants of all its failed spot checks,
 * the new one included; later ones (recorded out of order) do not count for this window.
 */
export function reachesReinspectionThreshold(failedAt: readonly Date[], latest: Date): boolean {
  const end = shanghaiDateOf(latest);
  const start = twoYearWindowStart(end);
  const inWindow = failedAt.filter((at) => {
    const date = shanghaiDateOf(at);
    return date >= start && date <= end;
  });
  return inWindow.length >= FAILURES_FOR_REINSPECTION;
}

/** A serious (重大) hazard calls for interviewing the enterprise (约谈). */
export const needsInterview = (severity: string) => severity === 'serious';
