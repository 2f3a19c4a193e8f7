import { createRoute } from '@hono/zod-openapi';
import { authenticate, requireRole } from '../../lib/auth.js';
import { errorResponse, jsonContent } from '../../lib/openapi.js';
import { IdParams } from '../../contracts/common.js';
import {
  CreateSelfInspectionSchema,
  SelfInspectionListQuery,
  SelfInspectionListSchema,
  SelfInspectionSchema,
} from '../../contracts/self-inspections.js';

const tags = ['企业自查'];
const security = [{ bearerAuth: [] }];

export const listSelfInspections = createRoute({
  method: 'get',
  path: '/api/self-inspections',
  tags,
  security,
  middleware: [authenticate] as const,
  summary: '企业自查记录（企业用户仅见本企业；实施单位人员仅见本单位；市局全部）',
  request: { query: SelfInspectionListQuery },
  responses: {
    200: jsonContent(SelfInspectionListSchema, '分页列表'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
  },
});

export const getSelfInspection = createRoute({
  method: 'get',
  path: '/api/self-inspections/{id}',
  tags,
  security,
  middleware: [authenticate] as const,
  summary: '企业自查详情',
  request: { params: IdParams },
  responses: {
    200: jsonContent(SelfInspectionSchema, '企业自查'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
    404: errorResponse('不存在或不在权限范围内'),
  },
});

export const createSelfInspection = createRoute({
  method: 'post',
  path: '/api/self-inspections',
  tags,
  security,
  middleware: [authenticate, requireRole('enterprise_user')] as const,
  summary: '提交本企业自查情况（仅企业用户）',
  request: {
    body: {
      content: { 'application/json': { schema: CreateSelfInspectionSchema } },
      required: true,
    },
  },
  responses: {
    201: jsonContent(SelfInspectionSchema, '已提交'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限（仅企业用户可提交）'),
    413: errorResponse('请求内容过大'),
  },
});
