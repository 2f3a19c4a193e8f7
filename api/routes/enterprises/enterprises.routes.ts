import { createRoute } from '@hono/zod-openapi';
import { authenticate } from '../../lib/auth.js';
import { errorResponse, jsonContent } from '../../lib/openapi.js';
import { IdParams } from '../../contracts/common.js';
import {
  CreateEnterpriseSchema,
  EnterpriseListQuery,
  EnterpriseListSchema,
  EnterpriseSchema,
  UpdateEnterpriseSchema,
} from '../../contracts/enterprises.js';

const tags = ['企业名录'];
const security = [{ bearerAuth: [] }];
const middleware = authenticate;

export const listEnterprises = createRoute({
  method: 'get',
  path: '/api/enterprises',
  tags,
  security,
  middleware,
  summary: '企业名录（实施单位人员仅见本单位；企业用户仅见本企业）',
  request: { query: EnterpriseListQuery },
  responses: {
    200: jsonContent(EnterpriseListSchema, '分页列表'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
  },
});

export const getEnterprise = createRoute({
  method: 'get',
  path: '/api/enterprises/{id}',
  tags,
  security,
  middleware,
  summary: '企业详情',
  request: { params: IdParams },
  responses: {
    200: jsonContent(EnterpriseSchema, '企业'),
    401: errorResponse('未登录'),
    404: errorResponse('不存在或不在权限范围内'),
  },
});

export const createEnterprise = createRoute({
  method: 'post',
  path: '/api/enterprises',
  tags,
  security,
  middleware,
  summary: '登记企业',
  request: {
    body: { content: { 'application/json': { schema: CreateEnterpriseSchema } }, required: true },
  },
  responses: {
    201: jsonContent(EnterpriseSchema, '已登记'),
    400: errorResponse('参数有误（含信用代码校验）'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
    409: errorResponse('信用代码已登记'),
  },
});

export const updateEnterprise = createRoute({
  method: 'patch',
  path: '/api/enterprises/{id}',
  tags,
  security,
  middleware,
  summary: '修改企业信息（需提供读取时的版本号）',
  request: {
    params: IdParams,
    body: { content: { 'application/json': { schema: UpdateEnterpriseSchema } }, required: true },
  },
  responses: {
    200: jsonContent(EnterpriseSchema, '已修改'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
    404: errorResponse('不存在或不在权限范围内'),
    409: errorResponse('已被他人修改'),
  },
});
