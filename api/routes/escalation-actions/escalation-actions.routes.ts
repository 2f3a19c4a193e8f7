import { createRoute } from '@hono/zod-openapi';
import { authenticate } from '../../lib/auth.js';
import { errorResponse, jsonContent } from '../../lib/openapi.js';
import { IdParams } from '../../contracts/common.js';
import {
  CreateEscalationActionSchema,
  EscalationActionListSchema,
  EscalationActionSchema,
} from '../../contracts/escalation-actions.js';

const tags = ['问题清单'];
const security = [{ bearerAuth: [] }];

export const listEscalationActions = createRoute({
  method: 'get',
  path: '/api/hazards/{id}/escalation-actions',
  tags,
  security,
  middleware: [authenticate] as const,
  summary: '逾期升级隐患的市局督办记录（市局人员及隐患所属单位可见）',
  request: { params: IdParams },
  responses: {
    200: jsonContent(EscalationActionListSchema, '督办记录，按时间先后'),
    401: errorResponse('未登录'),
    404: errorResponse('不存在或不在权限范围内'),
  },
});

export const recordEscalationAction = createRoute({
  method: 'post',
  path: '/api/hazards/{id}/escalation-actions',
  tags,
  security,
  middleware: [authenticate] as const,
  summary: '记录市局对逾期升级隐患的督办（督办指令、备注、跟进日期）：市局管理员或市局督导',
  request: {
    params: IdParams,
    body: {
      content: { 'application/json': { schema: CreateEscalationActionSchema } },
      required: true,
    },
  },
  responses: {
    201: jsonContent(EscalationActionSchema, '已记录'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
    404: errorResponse('不存在或不在权限范围内'),
    409: errorResponse('该隐患尚未逾期升级'),
  },
});
