import type { CampaignPhase } from './phases.js';

/** A month and day within the campaign year. */
export type MonthDay = readonly [month: number, day: number];

export interface CampaignTemplate {
  code: string;
  name: string;
  /** Which product list seeds the campaign's categories (see domain/products.ts). */
  productListCode: string;
  phases: readonly {
    key: CampaignPhase;
    name: string;
    /** First and last calendar day of the phase, both included, as the notice writes them. */
    from: MonthDay;
    to: MonthDay;
  }[];
  /** Months whose statistics table is due at the month's last day. */
  monthlyStatisticsMonths: readonly number[];
  phaseSummaryDue: MonthDay;
  annualSummaryDue: MonthDay;
}

/** 沪市监产质〔2023〕349号: the Shanghai 2023 campaign, the reference template. */
export const SHANGHAI_2023: CampaignTemplate = {
  code: 'shanghai-2023',
  name: '重点工业产品质量安全隐患排查治理专项行动',
  productListCode: 'shanghai-2023',
  phases: [
    { key: 'deployment', name: '部署启动阶段', from: [6, 1], to: [7, 31] },
    { key: 'investigation', name: '排查阶段', from: [7, 1], to: [8, 31] },
    { key: 'resolution', name: '化解隐患阶段', from: [9, 1], to: [9, 30] },
    { key: 'consolidation', name: '巩固提升阶段', from: [10, 1], to: [10, 31] },
  ],
  monthlyStatisticsMonths: [6, 7, 8, 9, 10],
  phaseSummaryDue: [8, 15],
  annualSummaryDue: [11, 15],
};

export const CAMPAIGN_TEMPLATES: Readonly<Record<string, CampaignTemplate>> = {
  [SHANGHAI_2023.code]: SHANGHAI_2023,
};
