import { createRoute } from '@hono/zod-openapi';
import { authenticate } from '../../lib/auth.js';
import { errorResponse, jsonContent } from '../../lib/openapi.js';
import { IdParams } from '../../contracts/common.js';
import { correctionRoute, voidRoute } from '../record-corrections.js';
import {
  CorrectInterviewSchema,
  CreateInterviewSchema,
  InterviewListQuery,
  InterviewListSchema,
  InterviewSchema,
} from '../../contracts/interviews.js';

const tags = ['约谈'];
const security = [{ bearerAuth: [] }];
const middleware = authenticate;

export const listInterviews = createRoute({
  method: 'get',
  path: '/api/interviews',
  tags,
  security,
  middleware,
  summary: '约谈记录（实施单位人员仅见本单位；市局可见全部；企业用户无权查看）',
  description: '`from`/`to` 按约谈时间（北京时间日期，含两端）筛选。',
  request: { query: InterviewListQuery },
  responses: {
    200: jsonContent(InterviewListSchema, '分页列表'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
  },
});

export const getInterview = createRoute({
  method: 'get',
  path: '/api/interviews/{id}',
  tags,
  security,
  middleware,
  summary: '约谈详情',
  request: { params: IdParams },
  responses: {
    200: jsonContent(InterviewSchema, '约谈记录'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
    404: errorResponse('不存在或不在权限范围内'),
  },
});

export const createInterview = createRoute({
  method: 'post',
  path: '/api/interviews',
  tags,
  security,
  middleware,
  summary: '录入约谈企业（可关联该企业的隐患）',
  request: {
    body: { content: { 'application/json': { schema: CreateInterviewSchema } }, required: true },
  },
  responses: {
    201: jsonContent(InterviewSchema, '已录入'),
    400: errorResponse('参数有误（含隐患不属于该企业）'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
    413: errorResponse('请求内容过大'),
  },
});

const correctable = {
  path: '/api/interviews/{id}',
  tags,
  what: '约谈记录',
  request: CorrectInterviewSchema,
  response: InterviewSchema,
};

export const correctInterview = correctionRoute(correctable);

export const voidInterview = voidRoute(correctable);
