import { describe, expect, it } from 'vitest';
import {
  FIGURES,
  FIGURE_GROUP_SPANS,
  computeRollUp,
  computeTable,
  formatHundredths,
  inPeriod,
  monthPeriod,
  rangePeriod,
  roundWanYuan,
  sumWanYuan,
  toHundredths,
  type StatisticsRecords,
} from '../../domain/statistics/index.js';

const at = (iso: string) => new Date(iso);
const empty: StatisticsRecords = {
  riskReports: [],
  spotChecks: [],
  cases: [],
  assistance: [],
  interviews: [],
};

describe('money in 万元', () => {
  it('rounds half-up to two decimals, exactly', () => {
    expect(roundWanYuan('0.125')).toBe('0.13');
    expect(roundWanYuan('0.124999')).toBe('0.12');
    expect(roundWanYuan('10.005')).toBe('10.01');
    expect(roundWanYuan('2.675')).toBe('2.68'); // 2.675 is 2.67499… as a float
    expect(roundWanYuan('-0.125')).toBe('-0.13');
    expect(roundWanYuan('7')).toBe('7.00');
    expect(roundWanYuan('0.1')).toBe('0.10');
    expect(roundWanYuan('99999999999999.995')).toBe('100000000000000.00');
    expect(() => toHundredths('1e3')).toThrow(RangeError);
  });

  it('sums without floating point: 0.10 + 0.20 = 0.30', () => {
    expect(sumWanYuan(['0.10', '0.20'])).toBe('0.30');
    expect(0.1 + 0.2).not.toBe(0.3); // what the float sum would get wrong
    expect(sumWanYuan(Array.from({ length: 10 }, () => '0.01'))).toBe('0.10');
    expect(sumWanYuan([])).toBe('0.00');
    expect(formatHundredths(5n)).toBe('0.05');
    expect(formatHundredths(-105n)).toBe('-1.05');
  });
});

describe('periods', () => {
  it('are Asia/Shanghai calendar dates, both ends included', () => {
    const june = monthPeriod('2027-06');
    expect(june).toEqual({ from: '2027-06-01', to: '2027-06-30', label: '2027年6月' });
    expect(monthPeriod('2028-02').to).toBe('2028-02-29');
    // 2027-06-30T23:59+08:00 is June's; 2027-07-01T00:30+08:00 is July's though still 30 June UTC.
    expect(inPeriod(at('2027-06-30T23:59:00+08:00'), june)).toBe(true);
    expect(inPeriod(at('2027-07-01T00:30:00+08:00'), june)).toBe(false);
    expect(inPeriod(at('2027-07-01T00:30:00+08:00'), monthPeriod('2027-07'))).toBe(true);
    expect(inPeriod(at('2027-06-01T00:00:00+08:00'), june)).toBe(true);
    expect(inPeriod(at('2027-05-31T23:59:59+08:00'), june)).toBe(false);
    expect(inPeriod(null, june)).toBe(false);
    expect(rangePeriod('2027-06-15', '2027-07-01').label).toBe('2027-06-15至2027-07-01');
    expect(() => rangePeriod('2027-07-02', '2027-07-01')).toThrow(RangeError);
    expect(() => monthPeriod('2027-13')).toThrow(RangeError);
  });
});

describe('the form', () => {
  it('has 15 figures in six groups, in the form’s order', () => {
    expect(FIGURES.map((f) => f.heading)).toEqual([
      '采集风险信息（条）',
      '开展风险监测产品（批次）',
      '发现质量问题（个）',
      '抽查企业（家）',
      '抽查批次数（批次）',
      '发现不合格产品（批次）',
      '立案（起）',
      '罚没金额（万元）',
      '案值（万元）',
      '移送司法机关案件（起）',
      '违法案件（起）',
      '帮扶企业（家）',
      '解决质量问题（个）',
      '帮助企业提升产值（万元）',
      '约谈企业（家）',
    ]);
    expect(FIGURE_GROUP_SPANS.map((g) => [g.label, g.span])).toEqual([
      ['风险监测', 3],
      ['监督抽查', 3],
      ['案件查办', 4],
      ['曝光', 1],
      ['质量技术帮扶', 3],
      ['约谈', 1],
    ]);
    for (const f of FIGURES) expect(f.definition.length).toBeGreaterThan(10);
  });
});

describe('computeTable', () => {
  const categories = [
    { id: 'gas', code: 'gas_appliances', name: '燃气用品' },
    { id: 'wire', code: 'wires_cables', name: '电线电缆' },
  ];
  const june = monthPeriod('2027-06');
  const records: StatisticsRecords = {
    riskReports: [
      info('u1', 'gas', '2027-06-03T10:00:00+08:00'),
      info('u1', 'gas', '2027-07-01T00:30:00+08:00'), // July
      {
        unitId: 'u1',
        categoryId: 'wire',
        kind: 'monitoring',
        reportedAt: at('2027-06-30T23:59:00+08:00'),
        batchesMonitored: 5,
        problemsFound: 2,
      },
    ],
    spotChecks: [
      check('u1', 'gas', 'E1', '2027-06-10', 3, 1),
      check('u1', 'wire', 'E1', '2027-06-11', 2, 0), // E1 again, other category
      check('u2', 'gas', 'E1', '2027-06-12', 1, 1), // E1 again, other unit
      check('u2', 'gas', 'E2', '2027-06-12', 4, 0),
      check('u1', 'gas', 'E3', '2027-07-01T00:30:00+08:00', 9, 9), // July
    ],
    cases: [
      {
        unitId: 'u1',
        categoryId: 'gas',
        filedAt: at('2027-05-20T10:00:00+08:00'), // filed in May: not 立案/案值 in June
        penaltyDecidedAt: at('2027-06-02T10:00:00+08:00'),
        fines: '0.10',
        caseValue: '100.00',
        transferredAt: at('2027-06-30T23:59:00+08:00'),
        exposedAt: at('2027-07-01T00:30:00+08:00'),
      },
      {
        unitId: 'u2',
        categoryId: 'gas',
        filedAt: at('2027-06-20T10:00:00+08:00'),
        penaltyDecidedAt: at('2027-06-21T10:00:00+08:00'),
        fines: '0.20',
        caseValue: '0.05',
        transferredAt: null,
        exposedAt: at('2027-06-22T10:00:00+08:00'),
      },
    ],
    assistance: [
      help('u1', 'gas', 'E1', '2027-06-05', 2, '1.10'),
      help('u1', 'wire', 'E1', '2027-06-06', 1, '0.20'),
    ],
    interviews: [
      { unitId: 'u1', categoryId: 'gas', enterpriseId: 'E2', interviewedAt: at('2027-06-09') },
      { unitId: 'u1', categoryId: 'other', enterpriseId: 'E9', interviewedAt: at('2027-06-09') },
    ],
  };

  it('counts each figure by its own instant, and the total row counts enterprises once', () => {
    const table = computeTable(categories, records, june);
    expect(table.rows.map((r) => r.code)).toEqual(['gas_appliances', 'wires_cables']);
    expect(table.rows[0]!.values).toEqual({
      riskInfoCollected: 1, // the 3 June one; 1 July 00:30 is July's
      batchesMonitored: 0,
      problemsFound: 0,
      enterprisesChecked: 2, // E1 (twice, two units) and E2
      batchesChecked: 8, // 3 + 1 + 4
      unqualifiedBatches: 2, // 1 + 1
      casesFiled: 1, // only the one filed 20 June
      fines: '0.30', // 0.10 (decided 2 June, filed in May) + 0.20
      caseValue: '0.05', // the May filing's 100.00 does not count
      casesTransferred: 1, // 30 June 23:59
      casesExposed: 1, // 22 June; 1 July 00:30 is July's
      enterprisesAssisted: 1,
      problemsSolved: 2,
      outputValueRaised: '1.10',
      enterprisesInterviewed: 1, // the interview of another category is not counted
    });
    expect(table.rows[1]!.values).toMatchObject({
      batchesMonitored: 5,
      problemsFound: 2,
      enterprisesChecked: 1,
      batchesChecked: 2,
      enterprisesAssisted: 1,
      outputValueRaised: '0.20',
    });
    expect(table.total.values).toEqual({
      riskInfoCollected: 1,
      batchesMonitored: 5,
      problemsFound: 2,
      enterprisesChecked: 2, // E1, E2: not 2 + 1
      batchesChecked: 10,
      unqualifiedBatches: 2,
      casesFiled: 1,
      fines: '0.30',
      caseValue: '0.05',
      casesTransferred: 1,
      casesExposed: 1,
      enterprisesAssisted: 1, // E1 in two categories counts once
      problemsSolved: 3,
      outputValueRaised: '1.30',
      enterprisesInterviewed: 1,
    });
  });

  it('rolls up over units, enterprises distinct across units, with each unit beside it', () => {
    const rollUp = computeRollUp([{ id: 'u1' }, { id: 'u2' }], categories, records, june);
    expect(rollUp.total.values.enterprisesChecked).toBe(2);
    expect(rollUp.byUnit.map((u) => u.total.values.enterprisesChecked)).toEqual([1, 2]);
    expect(rollUp.byUnit.map((u) => u.total.values.fines)).toEqual(['0.10', '0.20']);
    const july = computeTable(categories, records, monthPeriod('2027-07'));
    expect(july.total.values).toMatchObject({
      riskInfoCollected: 1,
      enterprisesChecked: 1,
      batchesChecked: 9,
      casesExposed: 1,
      fines: '0.00',
    });
    expect(computeTable(categories, empty, june).total.values.fines).toBe('0.00');
  });
});

function info(unitId: string, categoryId: string, when: string) {
  return {
    unitId,
    categoryId,
    kind: 'information' as const,
    reportedAt: at(when),
    batchesMonitored: 0,
    problemsFound: 0,
  };
}
function check(
  unitId: string,
  categoryId: string,
  enterpriseId: string,
  when: string,
  batches: number,
  unqualifiedBatches: number,
) {
  return { unitId, categoryId, enterpriseId, checkedAt: at(when), batches, unqualifiedBatches };
}
function help(
  unitId: string,
  categoryId: string,
  enterpriseId: string,
  when: string,
  problemsSolved: number,
  outputValueRaised: string,
) {
  return {
    unitId,
    categoryId,
    enterpriseId,
    assistedAt: at(when),
    problemsSolved,
    outputValueRaised,
  };
}
