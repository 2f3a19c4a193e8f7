import { z } from '@hono/zod-openapi';
import { ReminderSchema } from './reminders.js';
import { EscalationActionSchema } from './escalation-actions.js';
import {
  HAZARD_SOURCES,
  HAZARD_STATUSES,
  PROBLEM_TYPES,
  SEVERITIES,
  SUBMISSION_STATUSES,
} from '../../domain/labels.js';
import { DateRangeQuery, PaginationQuery, listOf, sortQuery } from './lists.js';
import { Id, Instant, InstantInput, VersionInput } from './common.js';

const keysOf = <T extends Record<string, string>>(labels: T) =>
  Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];

const listed = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([key, name]) => `${key}（${name}）`)
    .join('、');

export const problemTypes = keysOf(PROBLEM_TYPES);
export const severities = keysOf(SEVERITIES);
export const hazardSources = keysOf(HAZARD_SOURCES);
export const hazardStatuses = keysOf(HAZARD_STATUSES);
const submissionStatuses = keysOf(SUBMISSION_STATUSES);

export const ProblemTypeInput = z
  .enum(problemTypes, { error: `问题类型应为：${listed(PROBLEM_TYPES)}` })
  .openapi({ description: '问题类型' });
export const SeverityInput = z
  .enum(severities, { error: `严重程度应为：${listed(SEVERITIES)}` })
  .openapi({ description: '严重程度' });
const SourceInput = z.enum(hazardSources, { error: `隐患来源应为：${listed(HAZARD_SOURCES)}` });

export const hazardTextFields = {
  product: z.string().trim().min(1, '产品名称不能为空').max(100).optional(),
  description: z.string().trim().min(1, '问题描述不能为空').max(2000),
  measure: z.string().trim().min(1, '整改措施不能为空').max(2000),
  responsiblePerson: z.string().trim().min(1, '整改责任人不能为空').max(50),
};

export const CreateHazardSchema = z
  .object({
    campaignId: Id,
    unitId: Id.optional().openapi({ description: '仅市局管理员可指定；实施单位人员默认本单位' }),
    enterpriseId: Id,
    categoryId: Id.openapi({ description: '该专项行动的产品类别 id' }),
    source: SourceInput,
    problemType: ProblemTypeInput,
    severity: SeverityInput,
    ...hazardTextFields,
    foundAt: InstantInput.openapi({ description: '发现时间' }),
    deadline: InstantInput.openapi({ description: '整改期限' }),
  })
  .strict()
  .refine((v) => v.deadline.getTime() > v.foundAt.getTime(), {
    message: '整改期限应晚于发现时间',
    path: ['deadline'],
  })
  .openapi('CreateHazard');

export const UpdateHazardSchema = z
  .object({
    version: VersionInput,
    description: hazardTextFields.description.optional(),
    measure: hazardTextFields.measure.optional(),
    responsiblePerson: hazardTextFields.responsiblePerson.optional(),
    severity: SeverityInput.optional(),
    problemType: ProblemTypeInput.optional(),
    product: hazardTextFields.product.unwrap().nullable().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).some((key) => key !== 'version'), {
    message: '至少修改一项内容（整改期限请用延期，状态请用相应操作）',
    path: [],
  })
  .openapi('UpdateHazard');

export const StartHazardSchema = z
  .object({
    version: VersionInput,
    note: z.string().trim().max(1000).optional().openapi({ description: '说明（记入操作日志）' }),
  })
  .strict()
  .openapi('StartHazardRectification');

const AttachmentSchema = z
  .object({
    name: z.string().trim().min(1, '附件名称不能为空').max(200),
    url: z.url('附件地址应为 URL').max(2000),
  })
  .strict();

export const SubmitHazardSchema = z
  .object({
    version: VersionInput,
    description: z.string().trim().min(1, '整改情况说明不能为空').max(5000),
    attachments: z.array(AttachmentSchema).max(50, '附件最多 50 个').default([]),
  })
  .strict()
  .openapi('SubmitHazardRectification');

export const VerifyHazardSchema = z
  .object({
    version: VersionInput,
    decision: z.enum(['accept', 'reject'], {
      error: '核查结论应为 accept（通过）或 reject（退回）',
    }),
    note: z.string().trim().min(1, '说明不能为空').max(2000).optional(),
    newDeadline: InstantInput.optional().openapi({ description: '退回时可重新设定整改期限' }),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.decision === 'reject' && !v.note) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: '退回时须说明理由' });
    }
    if (v.decision === 'accept' && v.newDeadline) {
      ctx.addIssue({
        code: 'custom',
        path: ['newDeadline'],
        message: '核查通过即销号，不能重新设定整改期限',
      });
    }
  })
  .openapi('VerifyHazard');

export const ExtendHazardSchema = z
  .object({
    version: VersionInput,
    deadline: InstantInput.openapi({ description: '新的整改期限，应晚于当前期限' }),
    reason: z.string({ error: '须说明延期理由' }).trim().min(1, '须说明延期理由').max(2000),
  })
  .strict()
  .openapi('ExtendHazardDeadline');

export const HazardSubmissionSchema = z
  .object({
    id: z.string(),
    submittedById: z.string(),
    submittedAt: Instant,
    description: z.string(),
    attachments: z.array(z.object({ name: z.string(), url: z.string() })),
    status: z.enum(submissionStatuses),
    statusName: z.string().openapi({ example: '待核查' }),
    reviewedById: z.string().nullable(),
    reviewedAt: Instant.nullable(),
    reviewNote: z.string().nullable(),
  })
  .openapi('HazardSubmission');

const hazardFields = {
  id: z.string(),
  campaignId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  categoryId: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  product: z.string().nullable(),
  source: z.enum(hazardSources),
  sourceName: z.string().openapi({ example: '现场检查' }),
  problemType: z.enum(problemTypes),
  problemTypeName: z.string().openapi({ example: '无证生产' }),
  severity: z.enum(severities),
  severityName: z.string().openapi({ example: '一般' }),
  description: z.string(),
  measure: z.string(),
  responsiblePerson: z.string(),
  foundAt: Instant,
  deadline: Instant,
  status: z.enum(hazardStatuses),
  statusName: z.string().openapi({ example: '待整改' }),
  overdue: z.boolean().openapi({ description: '未销号且已过整改期限' }),
  closedAt: Instant.nullable(),
  inspectionId: z.string().nullable(),
  spotCheckId: z.string().nullable(),
  version: z.number().int(),
  createdById: z.string(),
  createdAt: Instant,
  updatedAt: Instant,
};

export const HazardSummarySchema = z.object(hazardFields).openapi('HazardSummary');

export const HazardSchema = z
  .object({
    ...hazardFields,
    submissions: z.array(HazardSubmissionSchema),
    reminders: z
      .array(ReminderSchema)
      .optional()
      .openapi({ description: '已发送的提醒（详情接口返回）' }),
    escalationActions: z
      .array(EscalationActionSchema)
      .optional()
      .openapi({ description: '逾期升级后市局的督办记录（详情接口返回；企业用户不返回）' }),
  })
  .openapi('Hazard');

export const HazardListSchema = listOf(HazardSummarySchema, 'HazardList');

export const HazardListQuery = PaginationQuery.extend({
  ...DateRangeQuery.shape,
  unit: Id.optional().openapi({ description: '实施单位 id' }),
  category: z.string().min(1).max(64).optional().openapi({ description: '产品类别 id 或代码' }),
  enterprise: Id.optional().openapi({ description: '企业 id' }),
  campaign: Id.optional().openapi({ description: '专项行动 id' }),
  status: z
    .enum(hazardStatuses, { error: `状态应为：${listed(HAZARD_STATUSES)}` })
    .optional()
    .openapi({ description: '状态' }),
  severity: z
    .enum(severities, { error: `严重程度应为：${listed(SEVERITIES)}` })
    .optional()
    .openapi({ description: '严重程度' }),
  overdue: z
    .enum(['true', 'false'], { error: '逾期筛选应为 true 或 false' })
    .transform((v) => v === 'true')
    .optional()
    .openapi({ description: 'true：未销号且已过整改期限；false：其余' }),
  sort: sortQuery(['deadline', 'foundAt', 'createdAt'], 'deadline'),
});
