import { z } from '@hono/zod-openapi';
import { correctionRequest, recordListQueryFields, recordStateFields } from './record-fields.js';
import { CHECKLIST_TYPES } from '../../domain/labels.js';
import { DateRangeQuery, PaginationQuery, listOf, sortQuery } from './lists.js';
import { Id, Instant, InstantInput } from './common.js';
import {
  HazardSummarySchema,
  ProblemTypeInput,
  SeverityInput,
  hazardTextFields,
} from './hazards.js';

export const checklistTypes = Object.keys(CHECKLIST_TYPES) as [
  keyof typeof CHECKLIST_TYPES,
  ...(keyof typeof CHECKLIST_TYPES)[],
];

const ChecklistInput = z.enum(checklistTypes, {
  error: `检查表应为：${Object.entries(CHECKLIST_TYPES)
    .map(([key, name]) => `${key}（${name}）`)
    .join('、')}`,
});

const ItemHazardInput = z
  .object({
    problemType: ProblemTypeInput,
    severity: SeverityInput,
    description: hazardTextFields.description
      .optional()
      .openapi({ description: '缺省为“现场检查「检查项」不合格”加检查项说明' }),
    measure: hazardTextFields.measure,
    responsiblePerson: hazardTextFields.responsiblePerson,
    product: hazardTextFields.product,
    deadline: InstantInput.openapi({ description: '整改期限，应晚于检查时间' }),
    categoryId: Id.optional().openapi({ description: '缺省为检查的产品类别' }),
  })
  .strict()
  .openapi('InspectionItemHazard');

const ItemInput = z
  .object({
    code: z.string().trim().min(1, '检查项代码不能为空').max(60),
    passed: z.boolean({ error: '检查结果应为 true（合格）或 false（不合格）' }),
    note: z.string().trim().max(1000).optional(),
    hazard: ItemHazardInput.optional().openapi({ description: '不合格项必填：登记为隐患' }),
  })
  .strict();

export const CreateInspectionSchema = z
  .object({
    campaignId: Id,
    unitId: Id.optional().openapi({ description: '仅市局管理员可指定；实施单位人员默认本单位' }),
    enterpriseId: Id,
    categoryId: Id.optional().openapi({ description: '该专项行动的产品类别 id' }),
    inspectedAt: InstantInput.openapi({ description: '检查时间' }),
    inspectors: z
      .array(z.string().trim().min(1, '检查人员姓名不能为空').max(50), {
        error: '检查人员应为姓名数组',
      })
      .min(1, '至少填写一名检查人员')
      .max(20, '检查人员最多 20 名'),
    checklist: ChecklistInput.optional().openapi({
      description: '缺省按企业类型选择：获证企业、CCC认证生产企业、其他生产企业、销售企业',
    }),
    note: z.string().trim().max(2000).optional(),
    items: z
      .array(ItemInput, { error: '检查项应为数组' })
      .min(1, '检查项不能为空')
      .max(50, '检查项最多 50 个'),
  })
  .strict()
  .superRefine((v, ctx) => {
    v.items.forEach((item, index) => {
      const path = ['items', index, 'hazard'];
      if (!item.passed && !item.hazard) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: '不合格项须登记隐患（问题类型、严重程度、整改措施、责任人、整改期限）',
        });
      }
      if (item.passed && item.hazard) {
        ctx.addIssue({ code: 'custom', path, message: '合格项不应登记隐患' });
      }
      if (!item.passed && item.hazard) {
        if (item.hazard.deadline.getTime() <= v.inspectedAt.getTime()) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'deadline'],
            message: '整改期限应晚于检查时间',
          });
        }
        if (!item.hazard.categoryId && !v.categoryId) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'categoryId'],
            message: '不合格项须指定产品类别（在检查或隐患中填写 categoryId）',
          });
        }
      }
    });
  })
  .openapi('CreateInspection');

/** What a correction of an inspection may change (the checklist and its hazards stay as recorded). */
export const CorrectInspectionValues = z
  .object({
    campaignId: Id,
    inspectedAt: CreateInspectionSchema.shape.inspectedAt,
    inspectors: CreateInspectionSchema.shape.inspectors,
    note: CreateInspectionSchema.shape.note,
  })
  .strict();

export const CorrectInspectionSchema = correctionRequest(
  'CorrectInspection',
  '更正现场检查（可更正 inspectedAt、inspectors、note；检查项及其隐患不在此更正）',
);

const inspectionFields = {
  id: z.string(),
  campaignId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  categoryId: z.string().nullable(),
  categoryName: z.string().nullable(),
  inspectedAt: Instant,
  inspectors: z.array(z.string()),
  checklist: z.enum(checklistTypes),
  checklistName: z.string().openapi({ example: '生产许可证获证企业' }),
  note: z.string().nullable(),
  createdById: z.string(),
  createdAt: Instant,
  ...recordStateFields,
};

export const InspectionSummarySchema = z
  .object({
    ...inspectionFields,
    itemCount: z.number().int(),
    failedCount: z.number().int().openapi({ description: '不合格项数' }),
    hazardCount: z.number().int().openapi({ description: '登记的隐患数' }),
  })
  .openapi('InspectionSummary');

export const InspectionSchema = z
  .object({
    ...inspectionFields,
    items: z.array(
      z.object({
        code: z.string(),
        label: z.string(),
        passed: z.boolean(),
        note: z.string().nullable(),
        order: z.number().int(),
      }),
    ),
    hazards: z.array(HazardSummarySchema),
  })
  .openapi('Inspection');

export const InspectionListSchema = listOf(InspectionSummarySchema, 'InspectionList');

export const InspectionListQuery = PaginationQuery.extend({
  ...DateRangeQuery.shape,
  unit: Id.optional().openapi({ description: '实施单位 id' }),
  enterprise: Id.optional().openapi({ description: '企业 id' }),
  campaign: Id.optional().openapi({ description: '专项行动 id' }),
  category: z.string().min(1).max(64).optional().openapi({ description: '产品类别 id 或代码' }),
  voided: recordListQueryFields.voided,
  sort: sortQuery(['inspectedAt', 'createdAt'], '-inspectedAt'),
});

export const ChecklistsSchema = z
  .object({
    items: z.array(
      z.object({
        type: z.enum(checklistTypes),
        name: z.string().openapi({ example: '生产许可证获证企业' }),
        items: z.array(z.object({ code: z.string(), label: z.string() })),
      }),
    ),
  })
  .openapi('InspectionChecklists');
