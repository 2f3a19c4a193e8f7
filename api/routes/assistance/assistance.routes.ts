import { createRoute } from '@hono/zod-openapi';
import { authenticate } from '../../lib/auth.js';
import { errorResponse, jsonContent } from '../../lib/openapi.js';
import { IdParams } from '../../contracts/common.js';
import { correctionRoute, voidRoute } from '../record-corrections.js';
import {
  CorrectAssistanceSchema,
  AssistanceListQuery,
  AssistanceListSchema,
  AssistanceSchema,
  CreateAssistanceSchema,
} from '../../contracts/assistance.js';

const tags = ['质量技术帮扶'];
const security = [{ bearerAuth: [] }];
const middleware = authenticate;

export const listAssistance = createRoute({
  method: 'get',
  path: '/api/assistance',
  tags,
  security,
  middleware,
  summary: '质量技术帮扶记录（实施单位人员仅见本单位；市局可见全部；企业用户无权查看）',
  description: '`from`/`to` 按帮扶时间（北京时间日期，含两端）筛选。',
  request: { query: AssistanceListQuery },
  responses: {
    200: jsonContent(AssistanceListSchema, '分页列表'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
  },
});

export const getAssistance = createRoute({
  method: 'get',
  path: '/api/assistance/{id}',
  tags,
  security,
  middleware,
  summary: '质量技术帮扶详情',
  request: { params: IdParams },
  responses: {
    200: jsonContent(AssistanceSchema, '帮扶记录'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
    404: errorResponse('不存在或不在权限范围内'),
  },
});

export const createAssistance = createRoute({
  method: 'post',
  path: '/api/assistance',
  tags,
  security,
  middleware,
  summary: '录入质量技术帮扶（免费培训、一对一个性问诊、共性问题联合攻关）',
  request: {
    body: { content: { 'application/json': { schema: CreateAssistanceSchema } }, required: true },
  },
  responses: {
    201: jsonContent(AssistanceSchema, '已录入'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
    413: errorResponse('请求内容过大'),
  },
});

const correctable = {
  path: '/api/assistance/{id}',
  tags,
  what: '质量技术帮扶记录',
  request: CorrectAssistanceSchema,
  response: AssistanceSchema,
};

export const correctAssistance = correctionRoute(correctable);

export const voidAssistance = voidRoute(correctable);
