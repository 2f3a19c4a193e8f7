// China Standard Time has had no daylight saving since 1991: a fixed UTC+8 offset, so plain
// arithmetic is exact and the module stays free of Intl/Node dependencies (workflow-safe).

import { DAY_MS } from './day-length.js';

export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** A calendar date in Asia/Shanghai, 'YYYY-MM-DD'. */
export type LocalDate = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function localDate(year: number, month: number, day: number): LocalDate {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    throw new RangeError(`Not a calendar date: ${year}-${month}-${day}`);
  }
  return d.toISOString().slice(0, 10);
}

export function isLocalDate(value: string): boolean {
  const m = LOCAL_DATE.exec(value);
  if (!m) return false;
  try {
    localDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return true;
  } catch {
    return false;
  }
}

/** The instant at which the given Shanghai calendar date begins (00:00 China time). */
export function startOfShanghaiDay(date: LocalDate): Date {
  if (!isLocalDate(date)) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  return new Date(Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}

/** The instant at which the given Shanghai calendar date ends (00:00 of the next day). */
export function endOfShanghaiDay(date: LocalDate): Date {
  return new Date(startOfShanghaiDay(date).getTime() + DAY_MS);
}

/** The Shanghai calendar date an instant falls on. */
export function shanghaiDateOf(instant: Date): LocalDate {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD HH:mm' in China time, for people. */
export function formatShanghai(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS)
    .toISOString()
    .slice(0, 16)
    .replace('T', ' ');
}

export function lastDayOfMonth(year: number, month: number): LocalDate {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/**
 * A deadline as people write it: a duty due by 30 June becomes late at 1 July 00:00, which reads
 * '2027-06-30 24:00'; other instants read as formatShanghai does.
 */
export function formatDeadline(instant: Date): string {
  const text = formatShanghai(instant);
  if (!text.endsWith(' 00:00')) return text;
  return `${shanghaiDateOf(new Date(instant.getTime() - 1))} 24:00`;
}
