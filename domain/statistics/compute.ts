import { FIGURES, type FigureKey } from './definition.js';
import { formatHundredths, toHundredths } from './money.js';
import { inPeriod, type StatisticsPeriod } from './period.js';

// The aggregation behind attachment 2, over plain record arrays so that it is exact, testable
// without a database and the same for a unit's table, the city roll-up and a frozen snapshot.
// A record counts for the unit that recorded it and for its product category; each figure looks
// at one instant of the record (see definition.ts) and counts it when that instant's Shanghai
// calendar date is within the period, both ends included.

export interface StatisticsCategory {
  id: string;
  code: string;
  name: string;
}

export interface RiskReportFact {
  unitId: string;
  categoryId: string;
  kind: 'information' | 'monitoring';
  reportedAt: Date;
  batchesMonitored: number;
  problemsFound: number;
}

export interface SpotCheckFact {
  unitId: string;
  categoryId: string;
  enterpriseId: string;
  checkedAt: Date;
  batches: number;
  unqualifiedBatches: number;
}

export interface CaseFact {
  unitId: string;
  categoryId: string;
  filedAt: Date;
  penaltyDecidedAt: Date | null;
  /** 万元, a decimal string (exact). */
  fines: string;
  /** 万元, a decimal string (exact). */
  caseValue: string;
  transferredAt: Date | null;
  exposedAt: Date | null;
}

export interface AssistanceFact {
  unitId: string;
  categoryId: string;
  enterpriseId: string;
  assistedAt: Date;
  problemsSolved: number;
  /** 万元, a decimal string (exact). */
  outputValueRaised: string;
}

export interface InterviewFact {
  unitId: string;
  categoryId: string;
  enterpriseId: string;
  interviewedAt: Date;
}

export interface StatisticsRecords {
  riskReports: readonly RiskReportFact[];
  spotChecks: readonly SpotCheckFact[];
  cases: readonly CaseFact[];
  assistance: readonly AssistanceFact[];
  interviews: readonly InterviewFact[];
}

/** Counts are numbers; money (万元) is a string with two decimals. */
export type FigureValues = Record<FigureKey, number | string>;

export interface StatisticsRow {
  categoryId: string;
  code: string;
  name: string;
  values: FigureValues;
}

export interface ComputedTable {
  rows: StatisticsRow[];
  total: { values: FigureValues };
}

/** Running figures of one row: integers, exact hundredths, and sets of enterprise ids. */
class Accumulator {
  readonly counts = new Map<FigureKey, number>();
  readonly money = new Map<FigureKey, bigint>();
  readonly enterprises = new Map<FigureKey, Set<string>>();

  add(key: FigureKey, n: number): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }

  addMoney(key: FigureKey, amount: string): void {
    this.money.set(key, (this.money.get(key) ?? 0n) + toHundredths(amount));
  }

  addEnterprise(key: FigureKey, enterpriseId: string): void {
    let set = this.enterprises.get(key);
    if (!set) this.enterprises.set(key, (set = new Set()));
    set.add(enterpriseId);
  }

  values(): FigureValues {
    const values = {} as FigureValues;
    for (const f of FIGURES) {
      if (f.kind === 'money') values[f.key] = formatHundredths(this.money.get(f.key) ?? 0n);
      else if (f.kind === 'distinct') values[f.key] = this.enterprises.get(f.key)?.size ?? 0;
      else values[f.key] = this.counts.get(f.key) ?? 0;
    }
    return values;
  }
}

/**
 * The statistics table for the given records and period: one row per category (in the order
 * given), and a total row. Additive figures are summed; the enterprise counts of the total row
 * (抽查企业, 帮扶企业, 约谈企业) are distinct enterprises across all categories, so an enterprise
 * checked for two products counts once. Records of other categories are ignored; which units'
 * records are passed decides whose table it is (one unit's, or all of them for the roll-up).
 */
export function computeTable(
  categories: readonly StatisticsCategory[],
  records: StatisticsRecords,
  period: StatisticsPeriod,
): ComputedTable {
  const byCategory = new Map(categories.map((c) => [c.id, new Accumulator()]));
  const total = new Accumulator();
  // Each fact is added to its category's row and to the total row alike.
  const targets = (categoryId: string) => {
    const row = byCategory.get(categoryId);
    return row ? [row, total] : [];
  };

  for (const r of records.riskReports) {
    if (!inPeriod(r.reportedAt, period)) continue;
    for (const acc of targets(r.categoryId)) {
      // 采集风险信息: risk-information records; 开展风险监测产品 / 发现质量问题: monitoring sums.
      if (r.kind === 'information') acc.add('riskInfoCollected', 1);
      else {
        acc.add('batchesMonitored', r.batchesMonitored);
        acc.add('problemsFound', r.problemsFound);
      }
    }
  }
  for (const s of records.spotChecks) {
    if (!inPeriod(s.checkedAt, period)) continue;
    for (const acc of targets(s.categoryId)) {
      acc.addEnterprise('enterprisesChecked', s.enterpriseId);
      acc.add('batchesChecked', s.batches);
      acc.add('unqualifiedBatches', s.unqualifiedBatches);
    }
  }
  for (const c of records.cases) {
    for (const acc of targets(c.categoryId)) {
      // 立案 and 案值 by filing; 罚没金额 by penalty decision; 移送 and 曝光 by their own dates.
      if (inPeriod(c.filedAt, period)) {
        acc.add('casesFiled', 1);
        acc.addMoney('caseValue', c.caseValue);
      }
      if (inPeriod(c.penaltyDecidedAt, period)) acc.addMoney('fines', c.fines);
      if (inPeriod(c.transferredAt, period)) acc.add('casesTransferred', 1);
      if (inPeriod(c.exposedAt, period)) acc.add('casesExposed', 1);
    }
  }
  for (const a of records.assistance) {
    if (!inPeriod(a.assistedAt, period)) continue;
    for (const acc of targets(a.categoryId)) {
      acc.addEnterprise('enterprisesAssisted', a.enterpriseId);
      acc.add('problemsSolved', a.problemsSolved);
      acc.addMoney('outputValueRaised', a.outputValueRaised);
    }
  }
  for (const i of records.interviews) {
    if (!inPeriod(i.interviewedAt, period)) continue;
    for (const acc of targets(i.categoryId))
      acc.addEnterprise('enterprisesInterviewed', i.enterpriseId);
  }

  return {
    rows: categories.map((c) => ({
      categoryId: c.id,
      code: c.code,
      name: c.name,
      values: byCategory.get(c.id)!.values(),
    })),
    total: { values: total.values() },
  };
}

/** Only the records of one unit. */
export function recordsOfUnit(records: StatisticsRecords, unitId: string): StatisticsRecords {
  const mine = <T extends { unitId: string }>(list: readonly T[]) =>
    list.filter((r) => r.unitId === unitId);
  return {
    riskReports: mine(records.riskReports),
    spotChecks: mine(records.spotChecks),
    cases: mine(records.cases),
    assistance: mine(records.assistance),
    interviews: mine(records.interviews),
  };
}

/**
 * The city roll-up: the table over all units' records (enterprises distinct across units too),
 * and the same table per unit, in the order the units are given.
 */
export function computeRollUp<U extends { id: string }>(
  units: readonly U[],
  categories: readonly StatisticsCategory[],
  records: StatisticsRecords,
  period: StatisticsPeriod,
): ComputedTable & { byUnit: (ComputedTable & { unit: U })[] } {
  return {
    ...computeTable(categories, records, period),
    byUnit: units.map((unit) => ({
      unit,
      ...computeTable(categories, recordsOfUnit(records, unit.id), period),
    })),
  };
}
