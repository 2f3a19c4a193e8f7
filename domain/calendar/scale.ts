// How a campaign's calendar maps to real instants. A real campaign is the identity; a compressed
// demo campaign starts its first calendar day at `campaignStart` and lasts `msPerDay` per day.
// Materialisation, statistics periods and dashboards all go through these two functions, so a
// demo's "June" is the same stretch of real time everywhere.

import { DAY_MS } from './day-length.js';

export interface CalendarScale {
  /** The real (Asia/Shanghai) instant at which the campaign calendar's first day begins. */
  calendarStart: number;
  /** The instant at which the campaign actually began it. */
  campaignStart: number;
  /** Real milliseconds per calendar day. */
  msPerDay: number;
}

export const REAL_TIME = (calendarStart: number): CalendarScale => ({
  calendarStart,
  campaignStart: calendarStart,
  msPerDay: DAY_MS,
});

/** The instant at which a calendar instant happens in this campaign. */
export function toCampaignInstant(scale: CalendarScale, calendarInstant: Date): Date {
  return new Date(
    scale.campaignStart +
      ((calendarInstant.getTime() - scale.calendarStart) / DAY_MS) * scale.msPerDay,
  );
}

/** The calendar instant that a moment of this campaign stands for (inverse of the above). */
export function toCalendarInstant(scale: CalendarScale, instant: Date): Date {
  return new Date(
    scale.calendarStart + ((instant.getTime() - scale.campaignStart) / scale.msPerDay) * DAY_MS,
  );
}
