import { z } from '@hono/zod-openapi';
import { ErrorSchema } from './common.js';

export const ImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false'], { error: 'dryRun 应为 true 或 false' })
    .default('false')
    .transform((v) => v === 'true')
    .openapi({
      param: { name: 'dryRun', in: 'query' },
      description: 'true：只校验并报告，不写入任何数据（试导入）；默认 false',
      example: 'true',
    }),
});

/** The multipart body, described for the documentation; the handler reads the file itself. */
export const ImportUploadBody = {
  type: 'object' as const,
  required: ['file'],
  properties: {
    file: {
      type: 'string' as const,
      format: 'binary',
      description: 'CSV（UTF-8，可带 BOM）或 Excel .xlsx（读取第一个工作表），不超过 5 MB',
    },
  },
};

export const ImportErrorSchema = z
  .object({
    line: z.number().int().openapi({ description: '文件中的行号（表头为第 1 行）', example: 3 }),
    column: z
      .string()
      .optional()
      .openapi({ description: '列名（按文件中的写法）', example: '统一社会信用代码' }),
    message: z.string().openapi({ example: '统一社会信用代码校验位不正确' }),
  })
  .openapi('EnterpriseImportError');

const reportFields = {
  dryRun: z.boolean().openapi({ description: '是否为试导入' }),
  total: z.number().int().openapi({ description: '数据行数（不含表头和空行）' }),
  valid: z.number().int().openapi({ description: '本身无错误的行数' }),
  invalid: z.number().int().openapi({ description: '有错误的行数' }),
  created: z.number().int().openapi({ description: '新登记的企业数（试导入时为将新登记的数量）' }),
  updated: z.number().int().openapi({ description: '信息有变化而更新的企业数（版本号加 1）' }),
  unchanged: z.number().int().openapi({ description: '已登记且信息无变化的企业数' }),
  errors: z.array(ImportErrorSchema),
  rows: z
    .array(
      z.object({
        line: z.number().int(),
        creditCode: z.string(),
        name: z.string(),
        action: z.enum(['create', 'update', 'unchanged']),
      }),
    )
    .openapi({ description: '无误的各行将（试导入）或已（正式导入）新登记、更新或不变' }),
};

export const ImportReportSchema = z.object(reportFields).openapi('EnterpriseImportReport');

/** A real import with bad rows: nothing is written, the report says what to fix. */
export const ImportFailureSchema = ErrorSchema.extend(
  z.object(reportFields).partial().shape,
).openapi('EnterpriseImportFailure');
