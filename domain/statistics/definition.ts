// Attachment 2 of 沪市监产质〔2023〕349号: the statistics table's 15 figures, in the form's order and
// grouped as the form groups them. The form names the figures but does not define them; the
// definitions below are the product's (DOMAIN.md, "How the product counts attachment 2") and are
// what `computeTable` implements, figure by figure.

export const FIGURE_GROUPS = [
  { key: 'risk', label: '风险监测' },
  { key: 'spotCheck', label: '监督抽查' },
  { key: 'cases', label: '案件查办' },
  { key: 'exposure', label: '曝光' },
  { key: 'assistance', label: '质量技术帮扶' },
  { key: 'interview', label: '约谈' },
] as const;

export type FigureGroupKey = (typeof FIGURE_GROUPS)[number]['key'];

/**
 * How a figure is aggregated: `count` of records, `sum` of an integer field, `distinct`
 * enterprises (not additive: the total row and the city roll-up count each enterprise once),
 * `money` summed exactly in hundredths of 万元.
 */
export type FigureKind = 'count' | 'sum' | 'distinct' | 'money';

export interface FigureDefinition {
  key: string;
  group: FigureGroupKey;
  groupLabel: string;
  /** The figure's name on the form, without its unit. */
  label: string;
  /** Unit of measure: 条, 批次, 个, 家, 起, 万元. */
  unit: string;
  /** The column heading on the form: label with its unit, e.g. 罚没金额（万元）. */
  heading: string;
  kind: FigureKind;
  /** What is counted, in one sentence (shown in the API and the README). */
  definition: string;
}

const groupLabel = (key: FigureGroupKey) => FIGURE_GROUPS.find((g) => g.key === key)!.label;

const figure = <K extends string>(
  key: K,
  group: FigureGroupKey,
  label: string,
  unit: string,
  kind: FigureKind,
  definition: string,
) =>
  ({
    key,
    group,
    groupLabel: groupLabel(group),
    label,
    unit,
    heading: `${label}（${unit}）`,
    kind,
    definition,
  }) as const;

export const FIGURES = [
  // 风险监测 — RiskReport, by reportedAt.
  figure(
    'riskInfoCollected',
    'risk',
    '采集风险信息',
    '条',
    'count',
    '期内报告时间（reportedAt）落在数据周期的“风险信息”类风险报告条数。',
  ),
  figure(
    'batchesMonitored',
    'risk',
    '开展风险监测产品',
    '批次',
    'sum',
    '期内“风险监测”类风险报告的监测批次数（batchesMonitored）之和。',
  ),
  figure(
    'problemsFound',
    'risk',
    '发现质量问题',
    '个',
    'sum',
    '期内“风险监测”类风险报告发现的质量问题数（problemsFound）之和。',
  ),
  // 监督抽查 — SpotCheck, by checkedAt.
  figure(
    'enterprisesChecked',
    'spotCheck',
    '抽查企业',
    '家',
    'distinct',
    '期内抽查时间（checkedAt）落在数据周期的监督抽查涉及的不同企业数；同一企业只计一次。',
  ),
  figure(
    'batchesChecked',
    'spotCheck',
    '抽查批次数',
    '批次',
    'sum',
    '期内监督抽查的抽查批次数（batches）之和。',
  ),
  figure(
    'unqualifiedBatches',
    'spotCheck',
    '发现不合格产品',
    '批次',
    'sum',
    '期内监督抽查的不合格批次数（unqualifiedBatches）之和。',
  ),
  // 案件查办 — EnforcementCase, each figure by its own instant.
  figure('casesFiled', 'cases', '立案', '起', 'count', '立案时间（filedAt）落在数据周期的案件数。'),
  figure(
    'fines',
    'cases',
    '罚没金额',
    '万元',
    'money',
    '处罚决定时间（penaltyDecidedAt）落在数据周期的案件的罚没金额之和，精确求和后四舍五入到两位小数。',
  ),
  figure(
    'caseValue',
    'cases',
    '案值',
    '万元',
    'money',
    '立案时间落在数据周期的案件的案值之和，精确求和后四舍五入到两位小数。',
  ),
  figure(
    'casesTransferred',
    'cases',
    '移送司法机关案件',
    '起',
    'count',
    '移送司法机关时间（transferredAt）落在数据周期的案件数。',
  ),
  // 曝光
  figure(
    'casesExposed',
    'exposure',
    '违法案件',
    '起',
    'count',
    '依法曝光时间（exposedAt）落在数据周期的案件数。',
  ),
  // 质量技术帮扶 — Assistance, by assistedAt.
  figure(
    'enterprisesAssisted',
    'assistance',
    '帮扶企业',
    '家',
    'distinct',
    '帮扶时间（assistedAt）落在数据周期的质量技术帮扶涉及的不同企业数；同一企业只计一次。',
  ),
  figure(
    'problemsSolved',
    'assistance',
    '解决质量问题',
    '个',
    'sum',
    '期内质量技术帮扶记录的解决质量问题数（problemsSolved）之和。',
  ),
  figure(
    'outputValueRaised',
    'assistance',
    '帮助企业提升产值',
    '万元',
    'money',
    '期内质量技术帮扶记录的帮助企业提升产值之和，精确求和后四舍五入到两位小数。',
  ),
  // 约谈 — Interview, by interviewedAt.
  figure(
    'enterprisesInterviewed',
    'interview',
    '约谈企业',
    '家',
    'distinct',
    '约谈时间（interviewedAt）落在数据周期的约谈涉及的不同企业数；同一企业只计一次。',
  ),
] as const satisfies readonly FigureDefinition[];

export type FigureKey = (typeof FIGURES)[number]['key'];

export const FIGURE_KEYS: readonly FigureKey[] = FIGURES.map((f) => f.key);

/** Each group with how many figures it spans, in order (the form's first header row). */
export const FIGURE_GROUP_SPANS = FIGURE_GROUPS.map((group) => ({
  ...group,
  span: FIGURES.filter((f) => f.group === group.key).length,
}));

export const TABLE_TITLE = '重点工业产品质量安全隐患排查治理情况统计表';
export const LEDGER_TITLE = '重点工业产品质量安全隐患排查治理典型案例';
export const CITY_ROLL_UP_NAME = '全市汇总';
export const TOTAL_ROW_NAME = '合计';
