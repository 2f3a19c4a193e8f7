import { z } from '@hono/zod-openapi';
import { FIGURE_GROUPS } from '../../domain/statistics/definition.js';
import { isMonth } from '../../domain/statistics/period.js';
import { Id, Instant } from './common.js';

const localDate = z.iso.date('日期格式应为 YYYY-MM-DD');

const Format = z
  .enum(['json', 'xlsx', 'csv'], { error: '格式应为 json、xlsx 或 csv' })
  .default('json')
  .openapi({ description: 'json（默认）；xlsx、csv 为下载文件' });

/** unit / period (YYYY-MM) or from/to dates / format. */
export const StatisticsQuery = z
  .object({
    unit: Id.optional().openapi({
      description: '实施单位 id；不填：市局为全市汇总，实施单位人员为本单位',
    }),
    period: z
      .string()
      .refine(isMonth, '数据周期应为月份 YYYY-MM（如 2027-06）')
      .optional()
      .openapi({ example: '2027-06', description: '按月统计（与 from/to 二选一）' }),
    from: localDate.optional().openapi({
      example: '2027-06-01',
      description: '起始日期（含），默认专项行动开始日期',
    }),
    to: localDate
      .optional()
      .openapi({ example: '2027-07-15', description: '截止日期（含），默认今天' }),
    format: Format,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.period && (v.from || v.to)) {
      ctx.addIssue({
        code: 'custom',
        path: ['period'],
        message: '按月（period）或按起止日期（from/to）统计，二者只能选一',
      });
    }
    if (v.from && v.to && v.from > v.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: '截止日期不能早于起始日期' });
    }
  });

export const SubmittedStatisticsQuery = z
  .object({
    version: z.coerce
      .number({ error: '版本号应为整数' })
      .int('版本号应为整数')
      .min(1, '版本号从 1 开始')
      .optional()
      .openapi({ description: '报送版本号，默认最新版本' }),
    format: Format,
  })
  .strict();

const FigureValues = z.record(z.string(), z.union([z.number(), z.string()])).openapi({
  description: '各项指标：计数为整数，金额（万元）为两位小数的字符串',
  example: { casesFiled: 2, fines: '0.30' },
});

const UnitRef = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
});

const ReportingUnit = z
  .object({
    id: z.string().nullable(),
    code: z.string().nullable(),
    name: z.string(),
    shortName: z.string(),
  })
  .openapi({ description: '填表单位；全市汇总时 id 为 null、名称为“全市汇总”' });

const Period = z
  .object({ from: z.string(), to: z.string(), label: z.string() })
  .openapi('StatisticsPeriod', { description: '数据周期：上海时间的日历日期，首尾均含' });

const Figure = z
  .object({
    key: z.string(),
    group: z.enum(FIGURE_GROUPS.map((g) => g.key) as [string, ...string[]]),
    groupLabel: z.string(),
    label: z.string(),
    unit: z.string(),
    heading: z.string(),
    kind: z.enum(['count', 'sum', 'distinct', 'money']),
    definition: z.string(),
  })
  .openapi('StatisticsFigure');

const Row = z.object({
  categoryId: z.string(),
  code: z.string(),
  name: z.string(),
  values: FigureValues,
});
const Total = z.object({ values: FigureValues });
const CampaignRef = z.object({ id: z.string(), name: z.string(), year: z.number().int() });

export const StatisticsTableSchema = z
  .object({
    campaign: CampaignRef,
    unit: ReportingUnit,
    period: Period,
    figures: z.array(Figure),
    rows: z.array(Row),
    total: Total,
    byUnit: z
      .array(z.object({ unit: UnitRef, rows: z.array(Row), total: Total }))
      .optional()
      .openapi({ description: '仅全市汇总：各单位的同一张表' }),
    generatedAt: Instant,
  })
  .openapi('StatisticsTable');

export const SubmittedStatisticsSchema = StatisticsTableSchema.extend({
  submission: z.object({ version: z.number().int(), submittedAt: Instant }),
}).openapi('SubmittedStatisticsTable');

export const CaseLedgerSchema = z
  .object({
    campaign: CampaignRef,
    unit: ReportingUnit,
    period: Period,
    items: z.array(
      z.object({
        id: z.string(),
        unit: UnitRef,
        title: z.string(),
        enterpriseName: z.string().nullable(),
        categoryName: z.string(),
        reportedAt: Instant.openapi({ description: '报送时间（未单独报送时为立案时间）' }),
        filedAt: Instant,
        content: z.string(),
        progress: z.string(),
        exposed: z.boolean(),
        exposedAt: Instant.nullable(),
        creditPublicity: z.boolean(),
      }),
    ),
    generatedAt: Instant,
  })
  .openapi('CaseLedger');
