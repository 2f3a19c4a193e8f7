import { z } from '@hono/zod-openapi';
import { CAMPAIGN_STATES } from '../../../domain/calendar/phases.js';
import { CAMPAIGN_TEMPLATES } from '../../../domain/calendar/templates.js';
import { Instant } from '../../lib/schemas.js';

const templateCodes = Object.keys(CAMPAIGN_TEMPLATES) as [string, ...string[]];

export const CreateCampaignSchema = z
  .object({
    template: z.enum(templateCodes, { error: `模板应为：${templateCodes.join('、')}` }),
    year: z
      .number({ error: '年份应为整数' })
      .int('年份应为整数')
      .min(2020, '年份应在 2020 至 2100 之间')
      .max(2100, '年份应在 2020 至 2100 之间'),
    demo: z
      .object({
        secondsPerDay: z
          .number({ error: '每日秒数应为数字' })
          .positive('每日秒数应大于 0')
          .max(86_400, '每日秒数不能超过 86400（真实时间）'),
      })
      .strict()
      .optional()
      .openapi({
        description: '演示/测试用压缩日历：6月1日从现在开始，每个日历日持续 secondsPerDay 秒',
      }),
  })
  .strict()
  .openapi('CreateCampaign', { example: { template: 'shanghai-2023', year: 2027 } });

export const CampaignStateSchema = z.enum(CAMPAIGN_STATES).openapi('CampaignState');

export const CampaignSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    template: z.string(),
    year: z.number().int(),
    demo: z.object({ secondsPerDay: z.number() }).nullable(),
    workflowId: z.string(),
    startsAt: Instant,
    endsAt: Instant,
    phase: z.object({
      key: CampaignStateSchema,
      name: z.string(),
      source: z.enum(['workflow', 'database']).openapi({
        description: 'workflow：运行中的工作流实时报告；database：工作流不可达时，最后记录的阶段',
      }),
    }),
    phases: z.array(
      z.object({
        key: CampaignStateSchema,
        name: z.string(),
        order: z.number().int(),
        startDate: z.string(),
        endDate: z.string(),
        startsAt: Instant,
        endsAt: Instant,
        enteredAt: Instant.nullable(),
      }),
    ),
    deadlines: z.array(
      z.object({
        kind: z.enum(['monthly_statistics', 'phase_summary', 'annual_summary']),
        period: z.string(),
        name: z.string(),
        dueDate: z.string().openapi({ description: '按期报送的最后一个日历日（北京时间）' }),
        dueAt: Instant.openapi({ description: '逾期开始的时刻' }),
      }),
    ),
    createdAt: Instant,
  })
  .openapi('Campaign');

export const CampaignListSchema = z
  .object({ items: z.array(CampaignSchema.omit({ phases: true, deadlines: true })) })
  .openapi('CampaignList');

export const PhaseChangeSchema = z
  .object({
    state: CampaignStateSchema,
    at: z.iso.datetime({ offset: true, error: '时间应为 ISO 8601 格式' }),
  })
  .strict()
  .openapi('PhaseChange');
