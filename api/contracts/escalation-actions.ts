import { z } from '@hono/zod-openapi';
import { Instant } from './common.js';
import { ROLE_NAMES } from './roles.js';

const roles = Object.keys(ROLE_NAMES) as [keyof typeof ROLE_NAMES];

/** What the city records about an escalated hazard (【逾期升级】): a supervising act. */
export const CreateEscalationActionSchema = z
  .object({
    instruction: z
      .string({ error: '请填写督办指令' })
      .trim()
      .min(1, '请填写督办指令')
      .max(1000, '督办指令最多 1000 个字符')
      .openapi({ example: '请区局 5 个工作日内约谈企业负责人并报送整改进展' }),
    note: z
      .string({ error: '备注应为文字' })
      .trim()
      .max(1000, '备注最多 1000 个字符')
      .optional()
      .openapi({ example: '已电话告知区局分管领导' }),
    followUpDate: z.iso
      .date({ error: '跟进日期应为 YYYY-MM-DD' })
      .optional()
      .openapi({ description: '跟进日期（北京时间日期，不早于今天）', example: '2027-09-15' }),
  })
  .strict()
  .openapi('CreateEscalationAction');

export const EscalationActionSchema = z
  .object({
    id: z.string(),
    hazardId: z.string(),
    instruction: z.string(),
    note: z.string().nullable(),
    followUpDate: z.string().nullable(),
    actorId: z.string(),
    actorName: z.string(),
    actorRole: z.enum(roles),
    actorRoleName: z.string().openapi({ example: '市局督导' }),
    createdAt: Instant,
  })
  .openapi('EscalationAction');

export const EscalationActionListSchema = z
  .object({ items: z.array(EscalationActionSchema) })
  .openapi('EscalationActionList');
