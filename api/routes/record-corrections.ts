import { createRoute, type z } from '@hono/zod-openapi';
import { authenticate } from '../lib/auth.js';
import { errorResponse, jsonContent } from '../lib/openapi.js';
import { IdParams } from '../contracts/common.js';
import { VoidRecordSchema } from '../contracts/record-fields.js';

// The correction and the void of a recorded campaign record, the same for every kind of record.

interface RecordRoutes<R extends z.ZodType> {
  /** e.g. '/api/spot-checks/{id}' */
  path: string;
  tags: string[];
  what: string;
  request: z.ZodType;
  response: R;
}

const security = [{ bearerAuth: [] }];

const writeErrors = {
  401: errorResponse('未登录'),
  403: errorResponse('无权限'),
  404: errorResponse('不存在或不在权限范围内'),
  409: errorResponse('已被他人修改（版本号已变）或记录已作废'),
  413: errorResponse('请求内容过大'),
};

export function correctionRoute<R extends z.ZodType>(
  spec: RecordRoutes<R>,
  method: 'patch' | 'post' = 'patch',
  path = spec.path,
) {
  return createRoute({
    method,
    path,
    tags: spec.tags,
    security,
    middleware: authenticate,
    summary: `更正${spec.what}（须填写更正原因和读取时的版本号；与录入时同样校验；审计日志记录更正前后的值）`,
    request: {
      params: IdParams,
      body: { content: { 'application/json': { schema: spec.request } }, required: true },
    },
    responses: {
      200: jsonContent(spec.response, '已更正'),
      400: errorResponse('参数有误（含未填写更正原因）'),
      ...writeErrors,
    },
  });
}

export function voidRoute<R extends z.ZodType>(spec: RecordRoutes<R>) {
  return createRoute({
    method: 'post',
    path: `${spec.path}/void`,
    tags: spec.tags,
    security,
    middleware: authenticate,
    summary: `作废${spec.what}（不删除；须填写作废原因；作废后不计入列表和统计表，已提交的统计表不变）`,
    request: {
      params: IdParams,
      body: { content: { 'application/json': { schema: VoidRecordSchema } }, required: true },
    },
    responses: {
      200: jsonContent(spec.response, '已作废'),
      400: errorResponse('参数有误（含未填写作废原因）'),
      ...writeErrors,
    },
  });
}
