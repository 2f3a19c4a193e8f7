import { describe, expect, it } from 'vitest';
import { campaignDayLength, DAY_MS } from '../../domain/calendar/day-length.js';
import { calendarScale } from '../../domain/calendar/materialise.js';
import { toCampaignInstant } from '../../domain/calendar/scale.js';
import { SHANGHAI_2023 } from '../../domain/calendar/templates.js';

describe('the length of a campaign day', () => {
  it('is a real day for a real campaign', () => {
    expect(DAY_MS).toBe(24 * 60 * 60 * 1000);
    expect(campaignDayLength({ demoSecondsPerDay: null })).toBe(86_400_000);
  });

  it('is demoSecondsPerDay seconds for a compressed demo, fractions included', () => {
    expect(campaignDayLength({ demoSecondsPerDay: 2 })).toBe(2000);
    expect(campaignDayLength({ demoSecondsPerDay: 3600 })).toBe(3_600_000);
    expect(campaignDayLength({ demoSecondsPerDay: 0.05 })).toBe(50);
  });

  it('is the day the calendar scale maps: ten calendar days are ten campaign days', () => {
    const origin = new Date('2026-11-22T03:00:00Z');
    const real = calendarScale(SHANGHAI_2023, 2027);
    const demo = calendarScale(SHANGHAI_2023, 2027, {
      kind: 'compressed',
      origin,
      secondsPerDay: 7,
    });
    expect(real.msPerDay).toBe(campaignDayLength({ demoSecondsPerDay: null }));
    expect(demo.msPerDay).toBe(campaignDayLength({ demoSecondsPerDay: 7 }));
    const tenDaysIn = new Date(demo.calendarStart + 10 * DAY_MS);
    expect(toCampaignInstant(demo, tenDaysIn).getTime() - origin.getTime()).toBe(70_000);
  });
});
