import { createRoute } from '@hono/zod-openapi';
import { authenticate } from '../../lib/auth.js';
import { errorResponse, jsonContent } from '../../lib/openapi.js';
import { IdParams } from '../../contracts/common.js';
import {
  CreateHazardSchema,
  ExtendHazardSchema,
  HazardListQuery,
  HazardListSchema,
  HazardSchema,
  StartHazardSchema,
  SubmitHazardSchema,
  UpdateHazardSchema,
  VerifyHazardSchema,
} from '../../contracts/hazards.js';

const tags = ['问题清单'];
const security = [{ bearerAuth: [] }];
const middleware = authenticate;

const jsonBody = <T extends Parameters<typeof jsonContent>[0]>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
});

const writeErrors = {
  400: errorResponse('参数有误'),
  401: errorResponse('未登录'),
  403: errorResponse('无权限'),
  404: errorResponse('不存在或不在权限范围内'),
  409: errorResponse('已被他人修改，或当前状态不允许该操作'),
  413: errorResponse('请求内容过大'),
};

export const listHazards = createRoute({
  method: 'get',
  path: '/api/hazards',
  tags,
  security,
  middleware,
  summary: '问题清单（实施单位人员仅见本单位；企业用户仅见本企业）',
  description:
    'from/to 按发现时间筛选（北京时间日期，含两端）；overdue=true 为未销号且已过整改期限的隐患。',
  request: { query: HazardListQuery },
  responses: {
    200: jsonContent(HazardListSchema, '分页列表'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
  },
});

export const getHazard = createRoute({
  method: 'get',
  path: '/api/hazards/{id}',
  tags,
  security,
  middleware,
  summary: '隐患详情（含整改材料及核查记录）',
  request: { params: IdParams },
  responses: {
    200: jsonContent(HazardSchema, '隐患'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
    404: errorResponse('不存在或不在权限范围内'),
  },
});

export const createHazard = createRoute({
  method: 'post',
  path: '/api/hazards',
  tags,
  security,
  middleware,
  summary: '登记隐患（实施单位人员、市局管理员）',
  request: { body: jsonBody(CreateHazardSchema) },
  responses: {
    201: jsonContent(HazardSchema, '已登记，状态为待整改'),
    400: writeErrors[400],
    401: writeErrors[401],
    403: writeErrors[403],
    413: writeErrors[413],
  },
});

export const updateHazard = createRoute({
  method: 'patch',
  path: '/api/hazards/{id}',
  tags,
  security,
  middleware,
  summary: '修改隐患内容（需提供读取时的版本号；整改期限与状态通过相应操作变更）',
  request: { params: IdParams, body: jsonBody(UpdateHazardSchema) },
  responses: { 200: jsonContent(HazardSchema, '已修改'), ...writeErrors },
});

export const startHazard = createRoute({
  method: 'post',
  path: '/api/hazards/{id}/start',
  tags,
  security,
  middleware,
  summary: '开始整改：待整改 → 整改中（本企业用户或实施单位人员）',
  request: { params: IdParams, body: jsonBody(StartHazardSchema) },
  responses: { 200: jsonContent(HazardSchema, '已开始整改'), ...writeErrors },
});

export const submitHazard = createRoute({
  method: 'post',
  path: '/api/hazards/{id}/submissions',
  tags,
  security,
  middleware,
  summary: '提交整改材料：→ 待核查（本企业用户，或实施单位人员代为提交）',
  request: { params: IdParams, body: jsonBody(SubmitHazardSchema) },
  responses: { 201: jsonContent(HazardSchema, '已提交，待核查'), ...writeErrors },
});

export const verifyHazard = createRoute({
  method: 'post',
  path: '/api/hazards/{id}/verify',
  tags,
  security,
  middleware,
  summary: '核查整改材料：通过即销号；退回须说明理由（实施单位人员、市局管理员）',
  request: { params: IdParams, body: jsonBody(VerifyHazardSchema) },
  responses: { 200: jsonContent(HazardSchema, '已核查'), ...writeErrors },
});

export const extendHazard = createRoute({
  method: 'post',
  path: '/api/hazards/{id}/extend',
  tags,
  security,
  middleware,
  summary: '延长整改期限（须说明理由；已销号的不能延期）',
  request: { params: IdParams, body: jsonBody(ExtendHazardSchema) },
  responses: { 200: jsonContent(HazardSchema, '已延期'), ...writeErrors },
});
