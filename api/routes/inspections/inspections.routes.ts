import { createRoute } from '@hono/zod-openapi';
import { authenticate } from '../../lib/auth.js';
import { errorResponse, jsonContent } from '../../lib/openapi.js';
import { IdParams } from '../../contracts/common.js';
import { correctionRoute, voidRoute } from '../record-corrections.js';
import {
  CorrectInspectionSchema,
  ChecklistsSchema,
  CreateInspectionSchema,
  InspectionListQuery,
  InspectionListSchema,
  InspectionSchema,
} from '../../contracts/inspections.js';

const tags = ['现场检查'];
const security = [{ bearerAuth: [] }];
const middleware = authenticate;

export const listChecklists = createRoute({
  method: 'get',
  path: '/api/inspections/checklists',
  tags,
  security,
  middleware,
  summary: '现场检查表（按企业类型的检查重点）',
  responses: {
    200: jsonContent(ChecklistsSchema, '检查表定义'),
    401: errorResponse('未登录'),
  },
});

export const listInspections = createRoute({
  method: 'get',
  path: '/api/inspections',
  tags,
  security,
  middleware,
  summary: '现场检查记录（实施单位人员仅见本单位；企业用户无权查看）',
  description: 'from/to 按检查时间筛选（北京时间日期，含两端）。',
  request: { query: InspectionListQuery },
  responses: {
    200: jsonContent(InspectionListSchema, '分页列表'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
  },
});

export const getInspection = createRoute({
  method: 'get',
  path: '/api/inspections/{id}',
  tags,
  security,
  middleware,
  summary: '现场检查详情（含检查项及登记的隐患）',
  request: { params: IdParams },
  responses: {
    200: jsonContent(InspectionSchema, '现场检查记录'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
    404: errorResponse('不存在或不在权限范围内'),
  },
});

export const createInspection = createRoute({
  method: 'post',
  path: '/api/inspections',
  tags,
  security,
  middleware,
  summary: '录入现场检查（不合格项同时登记为隐患，列入问题清单）',
  request: {
    body: { content: { 'application/json': { schema: CreateInspectionSchema } }, required: true },
  },
  responses: {
    201: jsonContent(InspectionSchema, '已录入'),
    400: errorResponse('参数有误（含检查项与检查表不符）'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
    413: errorResponse('请求内容过大'),
  },
});

const correctable = {
  path: '/api/inspections/{id}',
  tags,
  what: '现场检查记录',
  request: CorrectInspectionSchema,
  response: InspectionSchema,
};

export const correctInspection = correctionRoute(correctable);

export const voidInspection = voidRoute(correctable);
