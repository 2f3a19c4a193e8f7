import { z } from '@hono/zod-openapi';
import type { FieldIssue } from './common.js';
import { PaginationQuery, listOf, sortQuery } from './lists.js';
import { Id, Instant, InstantInput, VersionInput, WanYuanInput } from './common.js';
import { dateRangeOrderMessage, dateRangeOrdered } from './lists.js';
import {
  correctionRequest,
  recordBaseFields,
  recordInputFields,
  recordListQueryFields,
} from './record-fields.js';

/** The state of a case the cross-field rules look at (after a create or a progress update). */
export interface CaseRuleState {
  filedAt: Date;
  penaltyDecidedAt?: Date | null;
  transferredAt?: Date | null;
  exposedAt?: Date | null;
  typicalReportedAt?: Date | null;
  finesPositive: boolean;
  isTypical: boolean;
  typicalContent?: string | null;
  typicalProgress?: string | null;
}

const notBeforeFiling = {
  penaltyDecidedAt: '处罚决定时间不能早于立案时间',
  transferredAt: '移送司法机关时间不能早于立案时间',
  exposedAt: '曝光时间不能早于立案时间',
  typicalReportedAt: '典型案例报送时间不能早于立案时间',
} as const;

/** Rules across fields: dates follow the filing, fines need a penalty decision, typical cases a ledger entry. */
export function caseRuleIssues(state: CaseRuleState): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [field, message] of Object.entries(notBeforeFiling)) {
    const at = state[field as keyof typeof notBeforeFiling];
    if (at && at.getTime() < state.filedAt.getTime()) issues.push({ path: field, message });
  }
  if (state.finesPositive && !state.penaltyDecidedAt) {
    issues.push({ path: 'penaltyDecidedAt', message: '填写罚没金额时应填写处罚决定时间' });
  }
  if (state.isTypical) {
    if (!state.typicalContent) {
      issues.push({ path: 'typicalContent', message: '典型案例应填写案例内容' });
    }
    if (!state.typicalProgress) {
      issues.push({ path: 'typicalProgress', message: '典型案例应填写办理进度' });
    }
  }
  return issues;
}

const text = (name: string, max: number) =>
  z
    .string({ error: `${name}应为文字` })
    .trim()
    .min(1, `${name}不能为空`)
    .max(max, `${name}不超过 ${max} 字`);
const bool = (name: string) => z.boolean({ error: `${name}应为 true/false` });

const progressFields = {
  penaltyDecidedAt: InstantInput.nullable().openapi({
    description: '处罚决定时间，不早于立案时间',
  }),
  fines: WanYuanInput.openapi({ description: '罚没金额（万元）；大于 0 时须有处罚决定时间' }),
  caseValue: WanYuanInput.openapi({ description: '案值（万元）' }),
  transferredAt: InstantInput.nullable().openapi({ description: '移送司法机关时间' }),
  exposedAt: InstantInput.nullable().openapi({ description: '依法曝光时间' }),
  creditPublicity: bool('是否纳入国家企业信用信息公示系统'),
  isTypical: bool('是否典型案例'),
  typicalContent: text('案例内容', 5000).nullable(),
  typicalProgress: text('典型案例办理进度', 2000).nullable(),
  typicalReportedAt: InstantInput.nullable().openapi({ description: '典型案例报送时间' }),
};

export const CreateCaseSchema = z
  .object({
    ...recordInputFields,
    title: text('案件名称', 200),
    enterpriseId: Id.optional().openapi({
      description: '涉案企业 id（当事人不在企业名录中时可不填）',
    }),
    filedAt: InstantInput.openapi({ description: '立案时间' }),
    penaltyDecidedAt: progressFields.penaltyDecidedAt.optional(),
    fines: progressFields.fines.default('0'),
    caseValue: progressFields.caseValue.default('0'),
    transferredAt: progressFields.transferredAt.optional(),
    exposedAt: progressFields.exposedAt.optional(),
    creditPublicity: progressFields.creditPublicity.default(false),
    isTypical: progressFields.isTypical.default(false),
    typicalContent: progressFields.typicalContent.optional(),
    typicalProgress: progressFields.typicalProgress.optional(),
    typicalReportedAt: progressFields.typicalReportedAt.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const issues = caseRuleIssues({ ...v, finesPositive: Number(v.fines) > 0 });
    for (const issue of issues) {
      ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
    }
  })
  .openapi('CreateEnforcementCase');

export const UpdateCaseSchema = z
  .object({
    version: VersionInput,
    title: text('案件名称', 200).optional(),
    penaltyDecidedAt: progressFields.penaltyDecidedAt.optional(),
    fines: progressFields.fines.optional(),
    caseValue: progressFields.caseValue.optional(),
    transferredAt: progressFields.transferredAt.optional(),
    exposedAt: progressFields.exposedAt.optional(),
    creditPublicity: progressFields.creditPublicity.optional(),
    isTypical: progressFields.isTypical.optional(),
    typicalContent: progressFields.typicalContent.optional(),
    typicalProgress: progressFields.typicalProgress.optional(),
    typicalReportedAt: progressFields.typicalReportedAt.optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 1, { message: '未提供要修改的字段' })
  .openapi('UpdateEnforcementCase', {
    description: '办理进度更新；立案时间、产品类别、涉案企业不可修改。时间字段传 null 表示清除',
  });

export const CaseSchema = z
  .object({
    ...recordBaseFields,
    title: z.string(),
    filedAt: Instant,
    penaltyDecidedAt: Instant.nullable(),
    fines: z.string().openapi({ example: '12.50', description: '罚没金额（万元，两位小数）' }),
    caseValue: z.string().openapi({ example: '30.00', description: '案值（万元，两位小数）' }),
    transferredAt: Instant.nullable(),
    transferred: z.boolean().openapi({ description: '是否移送司法机关' }),
    exposedAt: Instant.nullable(),
    exposed: z.boolean().openapi({ description: '是否依法曝光' }),
    creditPublicity: z.boolean(),
    isTypical: z.boolean(),
    typicalContent: z.string().nullable(),
    typicalProgress: z.string().nullable(),
    typicalReportedAt: Instant.nullable(),
    version: z.number().int(),
    updatedAt: Instant,
  })
  .openapi('EnforcementCase');

export const CaseListSchema = listOf(CaseSchema, 'EnforcementCaseList');

const flag = (description: string) =>
  z
    .enum(['true', 'false'], { error: '应为 true 或 false' })
    .transform((v) => v === 'true')
    .optional()
    .openapi({ description });

export const CaseListQuery = PaginationQuery.extend({
  ...recordListQueryFields,
  typical: flag('true：仅典型案例'),
  transferred: flag('true：仅已移送司法机关'),
  exposed: flag('true：仅已曝光'),
  sort: sortQuery(['filedAt', 'penaltyDecidedAt', 'createdAt', 'updatedAt'], '-filedAt'),
}).refine(dateRangeOrdered, dateRangeOrderMessage);

export const CorrectCaseSchema = correctionRequest(
  'CorrectEnforcementCase',
  '更正案件（任一录入字段，须说明原因；办理进度的日常更新用 PATCH）',
);
