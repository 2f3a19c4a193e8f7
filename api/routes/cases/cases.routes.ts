import { createRoute } from '@hono/zod-openapi';
import { authenticate } from '../../lib/auth.js';
import { errorResponse, jsonContent } from '../../lib/openapi.js';
import { IdParams } from '../../contracts/common.js';
import { correctionRoute, voidRoute } from '../record-corrections.js';
import {
  CorrectCaseSchema,
  CaseListQuery,
  CaseListSchema,
  CaseSchema,
  CreateCaseSchema,
  UpdateCaseSchema,
} from '../../contracts/cases.js';

const tags = ['案件查办'];
const security = [{ bearerAuth: [] }];
const middleware = authenticate;

export const listCases = createRoute({
  method: 'get',
  path: '/api/cases',
  tags,
  security,
  middleware,
  summary: '案件查办及典型案例台账（实施单位人员仅见本单位；市局可见全部；企业用户无权查看）',
  description: '`from`/`to` 按立案时间（北京时间日期，含两端）筛选。',
  request: { query: CaseListQuery },
  responses: {
    200: jsonContent(CaseListSchema, '分页列表'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
  },
});

export const getCase = createRoute({
  method: 'get',
  path: '/api/cases/{id}',
  tags,
  security,
  middleware,
  summary: '案件详情',
  request: { params: IdParams },
  responses: {
    200: jsonContent(CaseSchema, '案件'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
    404: errorResponse('不存在或不在权限范围内'),
  },
});

export const createCase = createRoute({
  method: 'post',
  path: '/api/cases',
  tags,
  security,
  middleware,
  summary: '立案登记（金额单位万元；典型案例须填写案例内容和办理进度）',
  request: {
    body: { content: { 'application/json': { schema: CreateCaseSchema } }, required: true },
  },
  responses: {
    201: jsonContent(CaseSchema, '已登记'),
    400: errorResponse('参数有误（如处罚决定早于立案）'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
    413: errorResponse('请求内容过大'),
  },
});

export const updateCase = createRoute({
  method: 'patch',
  path: '/api/cases/{id}',
  tags,
  security,
  middleware,
  summary: '更新案件办理进度（处罚决定、移送、曝光、典型案例、金额；需提供读取时的版本号）',
  request: {
    params: IdParams,
    body: { content: { 'application/json': { schema: UpdateCaseSchema } }, required: true },
  },
  responses: {
    200: jsonContent(CaseSchema, '已更新'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
    404: errorResponse('不存在或不在权限范围内'),
    409: errorResponse('已被他人修改'),
    413: errorResponse('请求内容过大'),
  },
});

const correctable = {
  path: '/api/cases/{id}',
  tags,
  what: '案件',
  request: CorrectCaseSchema,
  response: CaseSchema,
};

export const correctCase = correctionRoute(correctable, 'post', '/api/cases/{id}/correction');

export const voidCase = voidRoute(correctable);
