import { z } from '@hono/zod-openapi';
import { RISK_REPORT_KINDS } from '../../domain/labels.js';
import { PaginationQuery, listOf, sortQuery } from './lists.js';
import { Id, Instant, InstantInput } from './common.js';
import { dateRangeOrderMessage, dateRangeOrdered } from './lists.js';
import {
  correctionRequest,
  recordBaseFields,
  recordInputFields,
  recordListQueryFields,
} from './record-fields.js';

const kinds = Object.keys(RISK_REPORT_KINDS) as [keyof typeof RISK_REPORT_KINDS];
const kindError = '类型应为 information（风险信息）或 monitoring（风险监测）';

const count = (name: string) =>
  z
    .number({ error: `${name}应为整数` })
    .int(`${name}应为整数`)
    .min(0, `${name}不能为负数`)
    .max(1_000_000, `${name}过大`)
    .default(0);

export const CreateRiskReportSchema = z
  .object({
    ...recordInputFields,
    kind: z.enum(kinds, { error: kindError }),
    enterpriseId: Id.optional().openapi({ description: '涉及企业 id（可不填）' }),
    reportedAt: InstantInput.openapi({ description: '采集或监测时间' }),
    title: z
      .string({ error: '标题应为文字' })
      .trim()
      .min(1, '标题不能为空')
      .max(200, '标题不超过 200 字'),
    description: z
      .string({ error: '说明应为文字' })
      .trim()
      .max(5000, '说明不超过 5000 字')
      .optional(),
    batchesMonitored: count('监测批次数').openapi({
      description: '开展风险监测产品批次数；风险监测至少 1，风险信息为 0',
    }),
    problemsFound: count('发现质量问题数').openapi({
      description: '风险监测发现的质量问题个数；风险信息为 0',
    }),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.kind === 'monitoring' && v.batchesMonitored < 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['batchesMonitored'],
        message: '风险监测应至少监测 1 个批次',
      });
    }
    if (v.kind === 'information' && v.batchesMonitored > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['batchesMonitored'],
        message: '风险信息不计监测批次，监测批次请录入为风险监测',
      });
    }
    if (v.kind === 'information' && v.problemsFound > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['problemsFound'],
        message: '风险信息不计发现质量问题数，监测发现的问题请录入为风险监测',
      });
    }
  })
  .openapi('CreateRiskReport');

export const RiskReportSchema = z
  .object({
    ...recordBaseFields,
    kind: z.enum(kinds),
    kindName: z.string().openapi({ example: '风险监测' }),
    reportedAt: Instant,
    title: z.string(),
    description: z.string().nullable(),
    batchesMonitored: z.number().int(),
    problemsFound: z.number().int(),
  })
  .openapi('RiskReport');

export const RiskReportListSchema = listOf(RiskReportSchema, 'RiskReportList');

export const RiskReportListQuery = PaginationQuery.extend({
  ...recordListQueryFields,
  kind: z.enum(kinds, { error: kindError }).optional(),
  sort: sortQuery(['reportedAt', 'createdAt'], '-reportedAt'),
}).refine(dateRangeOrdered, dateRangeOrderMessage);

export const CorrectRiskReportSchema = correctionRequest(
  'CorrectRiskReport',
  '更正风险监测/风险信息记录',
);
