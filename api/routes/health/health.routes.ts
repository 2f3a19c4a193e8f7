import { createRoute, z } from '@hono/zod-openapi';
import { jsonContent } from '../../lib/openapi.js';

const Status = z.enum(['ok', 'down']);
export const HealthSchema = z
  .object({ status: z.enum(['ok', 'degraded']), database: Status, temporal: Status })
  .openapi('Health');

export const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['系统'],
  summary: '健康检查：数据库与工作流服务',
  responses: {
    200: jsonContent(HealthSchema, '全部正常'),
    503: jsonContent(HealthSchema, '有组件不可用，响应中标明'),
  },
});
