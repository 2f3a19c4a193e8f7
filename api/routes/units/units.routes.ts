import { createRoute } from '@hono/zod-openapi';
import { authenticate, requireRole } from '../../lib/auth.js';
import { errorResponse, jsonContent } from '../../lib/openapi.js';
import { IdParams } from '../../contracts/common.js';
import {
  ListedSupervisionSchema,
  UnitDetailSchema,
  UnitListSchema,
} from '../../contracts/units.js';

const tags = ['单位'];
const security = [{ bearerAuth: [] }];
const middleware = authenticate;

export const listUnits = createRoute({
  method: 'get',
  path: '/api/units',
  tags,
  security,
  middleware,
  summary: '单位列表：市局质量处与 18 个实施单位（按市局排列顺序）',
  responses: {
    200: jsonContent(UnitListSchema, '全部单位'),
    401: errorResponse('未登录'),
  },
});

export const getUnit = createRoute({
  method: 'get',
  path: '/api/units/{id}',
  tags,
  security,
  middleware,
  summary: '单位详情（含当前及历次挂牌督办）',
  request: { params: IdParams },
  responses: {
    200: jsonContent(UnitDetailSchema, '单位'),
    401: errorResponse('未登录'),
    404: errorResponse('不存在'),
  },
});

export const setListedSupervision = createRoute({
  method: 'post',
  path: '/api/units/{id}/listed-supervision',
  tags,
  security,
  middleware: [authenticate, requireRole('city_admin')] as const,
  summary:
    '挂牌督办（理由、督办事项、督办期限）或解除挂牌（理由）：通知该单位工作人员；督办期间该单位的提醒抄送市局督导人员',
  request: {
    params: IdParams,
    body: { content: { 'application/json': { schema: ListedSupervisionSchema } }, required: true },
  },
  responses: {
    200: jsonContent(UnitDetailSchema, '已更新'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
    404: errorResponse('不存在'),
  },
});
