// Display names (Simplified Chinese, the official terms) of the enumerations people see.

import type { DutyState } from './timeline/duty-state.js';

export const PROBLEM_TYPES = {
  unlicensed_production: '无证生产',
  beyond_licence_scope: '超范围生产',
  no_factory_inspection: '未检验出厂或出厂检验记录不全',
  cutting_corners: '偷工减料',
  adulteration: '掺杂掺假',
  selling_unlicensed: '销售无证产品',
  inconsistency: '产品一致性不符',
  poor_quality: '产品质量低劣',
  substandard: '不符合强制性国家标准',
  ccc_noncompliance: '不符合CCC认证要求',
  other: '其他',
} as const;
export type ProblemTypeKey = keyof typeof PROBLEM_TYPES;

export const SEVERITIES = { general: '一般', major: '较大', serious: '重大' } as const;
export type SeverityKey = keyof typeof SEVERITIES;

export const HAZARD_SOURCES = {
  self_inspection: '企业自查',
  inspection: '现场检查',
  spot_check: '监督抽查',
  complaint: '投诉举报',
  risk_monitoring: '风险监测',
} as const;

export const HAZARD_STATUSES = {
  open: '待整改',
  rectifying: '整改中',
  submitted: '待核查',
  closed: '已销号',
} as const;
export type HazardStatusKey = keyof typeof HAZARD_STATUSES;

export const SUBMISSION_STATUSES = {
  pending: '待核查',
  accepted: '已通过',
  rejected: '已退回',
} as const;

export const SPOT_CHECK_LEVELS = { city: '市级', district: '区级' } as const;

export const ENTERPRISE_CLASSES = { AA: 'AA', A: 'A', B: 'B', C: 'C' } as const;

export const RISK_REPORT_KINDS = { information: '风险信息', monitoring: '风险监测' } as const;

export const ASSISTANCE_KINDS = {
  training: '免费培训',
  diagnosis: '一对一个性问诊',
  joint: '共性问题联合攻关',
} as const;

export const CHECKLIST_TYPES = {
  licence_holder: '生产许可证获证企业',
  ccc_producer: 'CCC认证生产企业',
  other_producer: '其他生产企业',
  seller: '销售企业',
} as const;
export type ChecklistType = keyof typeof CHECKLIST_TYPES;

export interface ChecklistItemDefinition {
  code: string;
  label: string;
}

/** On-site inspection focus by enterprise type (DOMAIN.md, "Key objects, problems, actions"). */
export const CHECKLISTS: Record<ChecklistType, readonly ChecklistItemDefinition[]> = {
  licence_holder: [
    { code: 'raw_materials', label: '关键原材料进货把关' },
    { code: 'process', label: '生产工艺与过程控制' },
    { code: 'factory_inspection', label: '出厂检验及记录' },
    { code: 'premises_equipment', label: '生产场所与设备' },
    { code: 'licence_scope', label: '在许可范围内生产' },
  ],
  ccc_producer: [
    { code: 'certified_shipments', label: '出厂产品均获CCC认证' },
    { code: 'ccc_mark', label: '按规定加施CCC标志' },
    { code: 'label_matches_certificate', label: '产品铭牌与认证证书一致' },
    { code: 'factory_inspection', label: '出厂检验及记录' },
  ],
  other_producer: [
    { code: 'standards_conformity', label: '产品符合标准要求' },
    { code: 'consistency', label: '产品一致性' },
    { code: 'factory_inspection', label: '出厂检验及记录' },
  ],
  seller: [
    { code: 'purchase_acceptance', label: '进货查验制度' },
    { code: 'sales_ledger', label: '销售台账制度' },
    { code: 'known_origin', label: '无来源不明产品' },
    { code: 'no_counterfeits', label: '无假冒伪劣产品' },
    { code: 'valid_ccc', label: 'CCC证书真实有效' },
  ],
};

/** The checklist an inspection of this enterprise uses by default. */
export function checklistFor(enterprise: {
  isProducer: boolean;
  productionLicenceNo: string | null;
  cccCertificates: readonly string[];
}): ChecklistType {
  if (!enterprise.isProducer) return 'seller';
  if (enterprise.productionLicenceNo) return 'licence_holder';
  if (enterprise.cccCertificates.length > 0) return 'ccc_producer';
  return 'other_producer';
}

export const UNIT_KIND_NAMES = {
  city_division: '市局业务处室',
  district: '区市场监督管理局',
  special_zone: '特定区域监管单位',
} as const;

export const CATEGORY_ORIGINS = { national: '国家重点产品', shanghai: '本市增加产品' } as const;

export const SPOT_CHECK_RESULTS = { qualified: '合格', unqualified: '不合格' } as const;

export const DUTY_STATUS_NAMES = { pending: '待报送', submitted: '已报送' } as const;

/** A duty's state (timeline/duty-state.ts) as the dashboard shows it. */
export const DUTY_STATE_NAMES = {
  on_time: '已按期报送',
  late: '逾期报送',
  overdue: '逾期未报',
  due: '待报送',
  not_due: '未到期',
} as const satisfies Record<DutyState, string>;

export const FOLLOW_UP_KIND_NAMES = { reinspection: '专门现场检查', interview: '约谈' } as const;

export const FOLLOW_UP_STATUS_NAMES = {
  open: '进行中',
  done: '已完成',
  cancelled: '已取消',
} as const;

export const REMINDER_STATUS_NAMES = {
  reserved: '发送中',
  sent: '已发送',
  skipped: '无收件人，未发送',
} as const;
