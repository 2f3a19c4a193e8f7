import { z } from '@hono/zod-openapi';
import { CAMPAIGN_TEMPLATES } from '../../domain/calendar/templates.js';
import { Id, Instant, InstantInput } from './common.js';
import { CampaignStateSchema, DeadlineKindSchema } from './worker-api.js';

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
    reminders: z
      .object({
        offsetsDays: z
          .array(z.number().int().min(1, '提前天数至少为 1').max(60))
          .min(1)
          .max(10)
          .refine((list) => new Set(list).size === list.length, '提前天数不能重复')
          .optional()
          .openapi({ description: '截止前几天提醒，默认 [7, 3, 1]' }),
        overdueRepeatDays: z.number().int().min(1).max(30).optional().openapi({
          description: '逾期后每隔几天再次提醒，默认 3',
        }),
        escalationGraceDays: z.number().int().min(0).max(60).optional().openapi({
          description: '隐患逾期几天后升级至市局，默认 3',
        }),
        followUpDueDays: z.number().int().min(1).max(180).optional().openapi({
          description: '专门现场检查、约谈任务的期限（天），默认 30',
        }),
      })
      .strict()
      .optional(),
  })
  .strict()
  .openapi('CreateCampaign', { example: { template: 'shanghai-2023', year: 2027 } });

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
        kind: DeadlineKindSchema,
        period: z.string(),
        name: z.string(),
        dueDate: z.string().openapi({ description: '按期报送的最后一个日历日（北京时间）' }),
        dueAt: Instant.openapi({ description: '逾期开始的时刻' }),
      }),
    ),
    cancelledAt: Instant.nullable(),
    cancelReason: z.string().nullable(),
    createdAt: Instant,
  })
  .openapi('Campaign');

export const CampaignListSchema = z
  .object({ items: z.array(CampaignSchema.omit({ phases: true, deadlines: true })) })
  .openapi('CampaignList');

export const ExtendDeadlineSchema = z
  .object({
    kind: DeadlineKindSchema,
    period: z.string().regex(/^\d{4}(-\d{2})?$/, '期间应为 YYYY-MM（月度统计表）或 YYYY（总结）'),
    unitId: Id.optional().openapi({ description: '只为一个实施单位延期；省略则全部单位' }),
    dueAt: InstantInput.openapi({ description: '新的截止时刻（晚于原截止时刻）' }),
    reason: z.string().trim().min(1, '延期须说明理由').max(500),
  })
  .strict()
  .openapi('ExtendDeadline');

export const ExtensionResultSchema = z
  .object({
    duties: z.array(z.object({ dutyId: z.string(), unitId: z.string(), dueAt: Instant })),
  })
  .openapi('ExtensionResult');

export const CancelCampaignSchema = z
  .object({ reason: z.string().trim().min(1, '撤销须说明理由').max(500) })
  .strict()
  .openapi('CancelCampaign');
