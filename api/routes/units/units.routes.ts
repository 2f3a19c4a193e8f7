import { createRoute } from '@hono/zod-openapi';
import { authenticate } from '../../lib/auth.js';
import { errorResponse, IdParams, jsonContent } from '../../lib/schemas.js';
import { UnitListSchema, UnitSchema } from './units.schemas.js';

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
  summary: '单位详情',
  request: { params: IdParams },
  responses: {
    200: jsonContent(UnitSchema, '单位'),
    401: errorResponse('未登录'),
    404: errorResponse('不存在'),
  },
});
