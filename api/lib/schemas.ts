import { z } from '@hono/zod-openapi';

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

export const errorResponse = (description: string) => ({
  content: { 'application/json': { schema: ErrorSchema } },
  description,
});

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

/** An instant, written with the China offset (e.g. 2027-07-01T00:00:00+08:00). */
export const Instant = z
  .string()
  .openapi({ format: 'date-time', example: '2027-07-01T00:00:00+08:00' });

export const IdParams = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'cm0abc123' }),
});
