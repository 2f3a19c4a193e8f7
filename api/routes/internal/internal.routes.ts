import { createRoute, z } from '@hono/zod-openapi';
import { authenticate, requireRole } from '../../lib/auth.js';
import { errorResponse, jsonContent } from '../../lib/openapi.js';
import { IdParams } from '../../contracts/common.js';
import {
  ApplyExtensionSchema,
  CancellationSchema,
  EscalationSchema,
  ExtensionResultSchema,
  MarkOverdueSchema,
  ReservationSchema,
  ReserveReminderSchema,
} from './internal.schemas.js';

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
const Ok = z.object({ ok: z.literal(true) }).openapi('Ok');

export const reserveReminder = createRoute({
  method: 'post',
  path: '/api/internal/reminders',
  tags,
  security,
  middleware,
  summary: '预留一条提醒（按键幂等），返回待发送的邮件内容',
  request: body(ReserveReminderSchema),
  responses: { 200: jsonContent(ReservationSchema, '预留结果'), ...common },
});

export const markReminderSent = createRoute({
  method: 'post',
  path: '/api/internal/reminders/{key}/sent',
  tags,
  security,
  middleware,
  summary: '标记提醒已发送',
  request: {
    params: z.object({
      key: z
        .string()
        .min(1)
        .openapi({ param: { name: 'key', in: 'path' } }),
    }),
  },
  responses: { 200: jsonContent(Ok, '已标记'), ...common },
});

export const markOverdue = createRoute({
  method: 'post',
  path: '/api/internal/overdue',
  tags,
  security,
  middleware,
  summary: '标记报送任务、隐患或跟进任务逾期',
  request: body(MarkOverdueSchema),
  responses: { 200: jsonContent(Ok, '已标记（重复无副作用）'), ...common },
});

export const markEscalated = createRoute({
  method: 'post',
  path: '/api/internal/hazards/{id}/escalation',
  tags,
  security,
  middleware,
  summary: '标记隐患逾期升级至市局',
  request: { params: IdParams, ...body(EscalationSchema) },
  responses: { 200: jsonContent(Ok, '已标记'), ...common },
});

export const applyExtension = createRoute({
  method: 'post',
  path: '/api/internal/campaigns/{id}/deadline-extensions',
  tags,
  security,
  middleware,
  summary: '落实报送期限延期（由专项行动工作流调用）',
  request: { params: IdParams, ...body(ApplyExtensionSchema) },
  responses: { 200: jsonContent(ExtensionResultSchema, '已延期的报送任务'), ...common },
});

export const recordCancellation = createRoute({
  method: 'post',
  path: '/api/internal/campaigns/{id}/cancellation',
  tags,
  security,
  middleware,
  summary: '记录专项行动撤销（由专项行动工作流调用）',
  request: { params: IdParams, ...body(CancellationSchema) },
  responses: { 200: jsonContent(Ok, '已记录'), ...common },
});
