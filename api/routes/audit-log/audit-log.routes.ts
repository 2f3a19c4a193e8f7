import { createRoute } from '@hono/zod-openapi';
import { authenticate, requireRole } from '../../lib/auth.js';
import { errorResponse, jsonContent } from '../../lib/openapi.js';
import { IdParams } from '../../contracts/common.js';
import { AuditEntrySchema, AuditLogQuery, AuditLogSchema } from '../../contracts/audit-log.js';

const tags = ['审计日志'];
const security = [{ bearerAuth: [] }];
const cityRoles = requireRole('city_admin', 'city_supervisor');

export const listAuditLog = createRoute({
  method: 'get',
  path: '/api/audit-log',
  tags,
  security,
  middleware: [authenticate, cityRoles] as const,
  summary: '审计日志：每一次修改的操作人、时间、前后内容（仅市局；只增不改）',
  request: { query: AuditLogQuery },
  responses: {
    200: jsonContent(AuditLogSchema, '分页列表（缺省按时间倒序）'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
  },
});

export const getAuditEntry = createRoute({
  method: 'get',
  path: '/api/audit-log/{id}',
  tags,
  security,
  middleware: [authenticate, cityRoles] as const,
  summary: '一条审计记录',
  request: { params: IdParams },
  responses: {
    200: jsonContent(AuditEntrySchema, '审计记录'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
    404: errorResponse('不存在'),
  },
});
