import { describe, expect, it } from 'vitest';
import {
  needsInterview,
  reachesReinspectionThreshold,
  twoYearWindowStart,
} from '../../domain/rules/follow-ups.js';

const china = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`);

describe('two failed spot checks within two years', () => {
  it('goes back to the same calendar date two years earlier, inclusive', () => {
    expect(twoYearWindowStart('2027-07-15')).toBe('2025-07-15');
    expect(twoYearWindowStart('2028-02-29')).toBe('2026-02-28');
  });

  it('counts a failure exactly two years back', () => {
    expect(
      reachesReinspectionThreshold([china('2025-07-15'), china('2027-07-15')], china('2027-07-15')),
    ).toBe(true);
  });

  it('does not count a failure one day more than two years back', () => {
    expect(
      reachesReinspectionThreshold([china('2025-07-14'), china('2027-07-15')], china('2027-07-15')),
    ).toBe(false);
  });

  it('uses China dates: 23:30 UTC on 14 July is 15 July in Shanghai', () => {
    const earlier = new Date('2025-07-14T23:30:00Z');
    expect(reachesReinspectionThreshold([earlier, china('2027-07-15')], china('2027-07-15'))).toBe(
      true,
    );
  });

  it('needs two failures: one alone is not enough', () => {
    expect(reachesReinspectionThreshold([china('2027-07-15')], china('2027-07-15'))).toBe(false);
  });

  it('counts a later-dated failure when an earlier one is recorded afterwards (back-dated)', () => {
    const backDated = china('2027-07-15');
    expect(reachesReinspectionThreshold([china('2027-09-01'), backDated], backDated)).toBe(true);
    expect(reachesReinspectionThreshold([china('2029-07-15'), backDated], backDated)).toBe(true);
    expect(reachesReinspectionThreshold([china('2029-07-16'), backDated], backDated)).toBe(false);
  });
});

describe('interviews', () => {
  it('are for serious hazards only', () => {
    expect(needsInterview('serious')).toBe(true);
    expect(needsInterview('major')).toBe(false);
  });
});
