import { createRoute } from '@hono/zod-openapi';
import { authenticate } from '../../lib/auth.js';
import { errorResponse, jsonContent } from '../../lib/openapi.js';
import { IdParams } from '../../contracts/common.js';
import { correctionRoute, voidRoute } from '../record-corrections.js';
import {
  CorrectSpotCheckSchema,
  CreateSpotCheckSchema,
  SpotCheckListQuery,
  SpotCheckListSchema,
  SpotCheckSchema,
} from '../../contracts/spot-checks.js';

const tags = ['监督抽查'];
const security = [{ bearerAuth: [] }];
const middleware = authenticate;

export const listSpotChecks = createRoute({
  method: 'get',
  path: '/api/spot-checks',
  tags,
  security,
  middleware,
  summary: '监督抽查记录（实施单位人员仅见本单位；市局可见全部；企业用户无权查看）',
  request: { query: SpotCheckListQuery },
  responses: {
    200: jsonContent(SpotCheckListSchema, '分页列表'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
  },
});

export const getSpotCheck = createRoute({
  method: 'get',
  path: '/api/spot-checks/{id}',
  tags,
  security,
  middleware,
  summary: '监督抽查详情',
  request: { params: IdParams },
  responses: {
    200: jsonContent(SpotCheckSchema, '监督抽查'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
    404: errorResponse('不存在或不在权限范围内'),
  },
});

export const createSpotCheck = createRoute({
  method: 'post',
  path: '/api/spot-checks',
  tags,
  security,
  middleware,
  summary: '录入监督抽查结果（实施单位人员仅可录入区级；录错的结果用 PATCH 更正或作废，不删除）',
  request: {
    body: { content: { 'application/json': { schema: CreateSpotCheckSchema } }, required: true },
  },
  responses: {
    201: jsonContent(SpotCheckSchema, '已录入'),
    400: errorResponse('参数有误（如不合格批次数超过抽查批次数）'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限（含实施单位录入市级抽查）'),
    413: errorResponse('请求内容过大'),
  },
});

const correctable = {
  path: '/api/spot-checks/{id}',
  tags,
  what: '监督抽查记录',
  request: CorrectSpotCheckSchema,
  response: SpotCheckSchema,
};

export const correctSpotCheck = correctionRoute(correctable);

export const voidSpotCheck = voidRoute(correctable);
