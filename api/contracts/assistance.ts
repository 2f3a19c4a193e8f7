import { z } from '@hono/zod-openapi';
import { ASSISTANCE_KINDS } from '../../domain/labels.js';
import { PaginationQuery, listOf, sortQuery } from './lists.js';
import { Id, Instant, InstantInput, WanYuanInput } from './common.js';
import { dateRangeOrderMessage, dateRangeOrdered } from './lists.js';
import {
  correctionRequest,
  recordBaseFields,
  recordInputFields,
  recordListQueryFields,
} from './record-fields.js';

const kinds = Object.keys(ASSISTANCE_KINDS) as [keyof typeof ASSISTANCE_KINDS];
const kindError =
  '帮扶方式应为 training（免费培训）、diagnosis（一对一个性问诊）或 joint（共性问题联合攻关）';

export const CreateAssistanceSchema = z
  .object({
    ...recordInputFields,
    kind: z.enum(kinds, { error: kindError }),
    enterpriseId: Id.openapi({ description: '受帮扶企业 id' }),
    assistedAt: InstantInput.openapi({ description: '帮扶时间' }),
    problemsSolved: z
      .number({ error: '解决质量问题数应为整数' })
      .int('解决质量问题数应为整数')
      .min(0, '解决质量问题数不能为负数')
      .max(100_000, '解决质量问题数过大')
      .default(0),
    outputValueRaised: WanYuanInput.default('0').openapi({
      description: '帮助企业提升产值（万元，最多两位小数）',
    }),
    note: z.string({ error: '备注应为文字' }).trim().max(2000, '备注不超过 2000 字').optional(),
  })
  .strict()
  .openapi('CreateAssistance');

export const AssistanceSchema = z
  .object({
    ...recordBaseFields,
    enterpriseId: z.string(),
    enterpriseName: z.string(),
    enterpriseCreditCode: z.string(),
    kind: z.enum(kinds),
    kindName: z.string().openapi({ example: '一对一个性问诊' }),
    assistedAt: Instant,
    problemsSolved: z.number().int(),
    outputValueRaised: z.string().openapi({ example: '12.50', description: '万元，两位小数' }),
    note: z.string().nullable(),
  })
  .openapi('Assistance');

export const AssistanceListSchema = listOf(AssistanceSchema, 'AssistanceList');

export const AssistanceListQuery = PaginationQuery.extend({
  ...recordListQueryFields,
  kind: z.enum(kinds, { error: kindError }).optional(),
  sort: sortQuery(['assistedAt', 'createdAt'], '-assistedAt'),
}).refine(dateRangeOrdered, dateRangeOrderMessage);

export const CorrectAssistanceSchema = correctionRequest(
  'CorrectAssistance',
  '更正质量技术帮扶记录',
);
