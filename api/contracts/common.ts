import { z } from '@hono/zod-openapi';
import {
  CREDIT_CODE_MESSAGES,
  creditCodeProblem,
  normaliseCreditCode,
} from '../../domain/credit-code.js';
import { startOfShanghaiDay } from '../../domain/calendar/shanghai-time.js';

// The building blocks every resource's request and response schemas share.

/** One problem of a rejected request, named by the field it concerns. */
export interface FieldIssue {
  path: string;
  message: string;
}

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'VALIDATION_FAILED' }),
      message: z.string().openapi({ example: '请求参数校验失败' }),
      issues: z
        .array(z.object({ path: z.string(), message: z.string() }))
        .optional()
        .openapi({ example: [{ path: 'year', message: '年份应在 2020 至 2100 之间' }] }),
    }),
  })
  .openapi('Error');

export const Id = z.string().min(1).max(64);

export const IdParams = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'cm0abc123' }),
});

/** An instant, written with the China offset (e.g. 2027-07-01T00:00:00+08:00). */
export const Instant = z
  .string()
  .openapi({ format: 'date-time', example: '2027-07-01T00:00:00+08:00' });

/**
 * An instant as input: ISO 8601 with an offset, or a calendar date meaning 00:00 China time.
 * Always parsed to a Date.
 */
export const InstantInput = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], {
    error: '时间应为 ISO 8601 格式（如 2027-07-01T09:30:00+08:00）或日期 YYYY-MM-DD',
  })
  .transform((value) => (value.length === 10 ? startOfShanghaiDay(value) : new Date(value)))
  .openapi({ example: '2027-07-01T09:30:00+08:00' });

/** An amount in 10k CNY (万元) with at most two decimals, kept exact as a decimal string. */
export const WanYuanInput = z
  .union([z.number(), z.string()], { error: '金额应为数字（万元，最多两位小数）' })
  .transform((value) => String(value).trim())
  .pipe(z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, '金额应为非负数（万元，最多两位小数）'))
  .openapi({ example: '12.50', description: '万元，最多两位小数' });

export const CreditCode = z
  .string({ error: '统一社会信用代码应为字符串' })
  .transform(normaliseCreditCode)
  .superRefine((value, ctx) => {
    const problem = creditCodeProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: CREDIT_CODE_MESSAGES[problem] });
  })
  .openapi({ example: '91310115MA1K4B8X7J' });

export const VersionInput = z
  .number({ error: '版本号应为整数' })
  .int()
  .min(1)
  .openapi({ description: '读取时的版本号；他人已修改时返回 409' });
