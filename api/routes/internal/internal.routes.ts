import { createRoute, type z } from '@hono/zod-openapi';
import {
  DeadlineWriteSchema,
  EscalationSchema,
  MarkOverdueSchema,
  OkSchema,
  ReminderKeyParams,
  ReminderRequestSchema,
  ReservationSchema,
} from '../../contracts/worker-api.js';
import { authenticate, requireRole } from '../../lib/auth.js';
import { errorResponse, jsonContent } from '../../lib/openapi.js';
import { IdParams } from '../../contracts/common.js';

// Called by the worker's activities only (service role): the API owns every record.
const tags = ['工作流内部接口'];
const security = [{ bearerAuth: [] }];
const middleware = [authenticate, requireRole('service')];
const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});
const common = {
  400: errorResponse('参数有误'),
  401: errorResponse('未登录'),
  403: errorResponse('仅限工作流服务'),
  404: errorResponse('不存在'),
};

export const reserveReminder = createRoute({
  method: 'post',
  path: '/api/internal/reminders',
  tags,
  security,
  middleware,
  summary: '预留一条提醒（按键幂等），返回待发送的邮件内容；期限已变更时返回新期限',
  request: body(ReminderRequestSchema),
  responses: { 200: jsonContent(ReservationSchema, '预留结果'), ...common },
});

export const markReminderSent = createRoute({
  method: 'post',
  path: '/api/internal/reminders/{key}/sent',
  tags,
  security,
  middleware,
  summary: '标记提醒已发送',
  request: { params: ReminderKeyParams },
  responses: { 200: jsonContent(OkSchema, '已标记'), ...common },
});

export const markOverdue = createRoute({
  method: 'post',
  path: '/api/internal/overdue',
  tags,
  security,
  middleware,
  summary: '标记报送任务、隐患或跟进任务逾期（期限已变更时不标记，返回新期限）',
  request: body(MarkOverdueSchema),
  responses: {
    200: jsonContent(DeadlineWriteSchema, '已标记（重复无副作用）或期限已变更'),
    ...common,
  },
});

export const markEscalated = createRoute({
  method: 'post',
  path: '/api/internal/hazards/{id}/escalation',
  tags,
  security,
  middleware,
  summary: '标记隐患逾期升级至市局（期限已变更时不标记，返回新期限）',
  request: { params: IdParams, ...body(EscalationSchema) },
  responses: { 200: jsonContent(DeadlineWriteSchema, '已标记或期限已变更'), ...common },
});
