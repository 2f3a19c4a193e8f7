import { createRoute } from '@hono/zod-openapi';
import { authenticate } from '../../lib/auth.js';
import { errorResponse, jsonContent } from '../../lib/openapi.js';
import { IdParams } from '../../contracts/common.js';
import {
  CloseFollowUpSchema,
  FollowUpDetailSchema,
  FollowUpListQuery,
  FollowUpListSchema,
} from '../../contracts/follow-ups.js';

const tags = ['跟进任务'];
const security = [{ bearerAuth: [] }];
const middleware = authenticate;

export const listFollowUps = createRoute({
  method: 'get',
  path: '/api/follow-ups',
  tags,
  security,
  middleware,
  summary: '专门现场检查（两年内两次抽查不合格）和约谈（重大隐患）任务',
  request: { query: FollowUpListQuery },
  responses: {
    200: jsonContent(FollowUpListSchema, '分页列表'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('企业用户无权查看'),
  },
});

export const getFollowUp = createRoute({
  method: 'get',
  path: '/api/follow-ups/{id}',
  tags,
  security,
  middleware,
  summary: '跟进任务详情，含已发送的提醒',
  request: { params: IdParams },
  responses: {
    200: jsonContent(FollowUpDetailSchema, '跟进任务'),
    401: errorResponse('未登录'),
    403: errorResponse('无权查看'),
    404: errorResponse('不存在或不在权限范围内'),
  },
});

export const closeFollowUp = createRoute({
  method: 'post',
  path: '/api/follow-ups/{id}/close',
  tags,
  security,
  middleware,
  summary: '办结跟进任务（停止提醒）',
  request: {
    params: IdParams,
    body: { content: { 'application/json': { schema: CloseFollowUpSchema } }, required: true },
  },
  responses: {
    200: jsonContent(FollowUpDetailSchema, '已办结'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('无权办结'),
    404: errorResponse('不存在或不在权限范围内'),
    409: errorResponse('已办结或已被他人修改'),
  },
});
