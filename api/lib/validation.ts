import type { Hook } from '@hono/zod-openapi';
import type { z } from '@hono/zod-openapi';
import { errorBody } from './errors.js';
import { type FieldIssue } from '../contracts/common.js';

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.join('.') : '(root)',
    message: issue.message,
  }));
}

/** Shared by every router: a failed validation is a uniform 400 naming each bad field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const validationHook: Hook<any, any, any, any> = (result, c) => {
  if (!result.success) {
    return c.json(errorBody('VALIDATION_FAILED', '请求参数校验失败', zodIssues(result.error)), 400);
  }
};
