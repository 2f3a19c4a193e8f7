import { createRoute } from '@hono/zod-openapi';
import { authenticate } from '../../lib/auth.js';
import type { AppEnv } from '../../lib/context.js';
import { createRouter } from '../../lib/create-router.js';
import { listOf } from '../../contracts/lists.js';
import { errorResponse, jsonContent } from '../../lib/openapi.js';
import { listReminders } from '../../services/timeline/reminders.js';
import { ReminderListQuery, ReminderSchema } from '../../contracts/reminders.js';
import type { RouteHandler } from '@hono/zod-openapi';

export const listRemindersRoute = createRoute({
  method: 'get',
  path: '/api/reminders',
  tags: ['提醒'],
  security: [{ bearerAuth: [] }],
  middleware: authenticate,
  summary: '已发送（或已预留、无收件人）的提醒邮件，可按对象筛选',
  request: { query: ReminderListQuery },
  responses: {
    200: jsonContent(listOf(ReminderSchema, 'ReminderList'), '分页列表'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('无权查看'),
  },
});

const handler: RouteHandler<typeof listRemindersRoute, AppEnv> = async (c) =>
  c.json(await listReminders(c.var.deps, c.var.user, c.req.valid('query')), 200);

export const remindersRouter = createRouter().openapi(listRemindersRoute, handler);
