import { createRoute } from '@hono/zod-openapi';
import { authenticate, requireRole } from '../../lib/auth.js';
import { errorResponse, jsonContent } from '../../lib/openapi.js';
import { IdParams } from '../../contracts/common.js';
import {
  CancelCampaignSchema,
  ExtendDeadlineSchema,
  ExtensionResultSchema,
  CampaignListSchema,
  CampaignSchema,
  CreateCampaignSchema,
} from '../../contracts/campaigns.js';
import { PhaseChangeResultSchema, PhaseChangeSchema } from '../../contracts/worker-api.js';

const tags = ['专项行动'];
const security = [{ bearerAuth: [] }];

export const createCampaign = createRoute({
  method: 'post',
  path: '/api/campaigns',
  tags,
  security,
  summary: '创建专项行动（按模板生成日历并启动工作流）',
  middleware: [authenticate, requireRole('city_admin')] as const,
  request: {
    body: { content: { 'application/json': { schema: CreateCampaignSchema } }, required: true },
  },
  responses: {
    201: jsonContent(CampaignSchema, '已创建，工作流已启动'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
    409: errorResponse('该模板该年度的专项行动已存在'),
    503: errorResponse('工作流服务不可用，未创建'),
  },
});

export const listCampaigns = createRoute({
  method: 'get',
  path: '/api/campaigns',
  tags,
  security,
  summary: '专项行动列表',
  middleware: [authenticate] as const,
  responses: {
    200: jsonContent(CampaignListSchema, '专项行动列表（新建的在前）'),
    401: errorResponse('未登录'),
  },
});

export const getCampaign = createRoute({
  method: 'get',
  path: '/api/campaigns/{id}',
  tags,
  security,
  summary: '专项行动详情：日历与当前阶段',
  middleware: [authenticate] as const,
  request: { params: IdParams },
  responses: {
    200: jsonContent(CampaignSchema, '专项行动'),
    401: errorResponse('未登录'),
    404: errorResponse('不存在'),
  },
});

export const recordPhaseChange = createRoute({
  method: 'post',
  path: '/api/campaigns/{id}/phase-changes',
  tags,
  security,
  summary: '记录阶段变更（仅供工作流调用）',
  middleware: [authenticate, requireRole('service')] as const,
  request: {
    params: IdParams,
    body: { content: { 'application/json': { schema: PhaseChangeSchema } }, required: true },
  },
  responses: {
    200: jsonContent(PhaseChangeResultSchema, '已记录（重复记录无副作用）'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
    404: errorResponse('不存在'),
  },
});

export const extendDeadline = createRoute({
  method: 'post',
  path: '/api/campaigns/{id}/deadline-extensions',
  tags,
  security,
  summary: '报送期限延期（一个或全部实施单位），须说明理由；记录并审计后通知工作流按新期限提醒',
  middleware: [authenticate, requireRole('city_admin')] as const,
  request: {
    params: IdParams,
    body: { content: { 'application/json': { schema: ExtendDeadlineSchema } }, required: true },
  },
  responses: {
    200: jsonContent(ExtensionResultSchema, '已延期的报送任务'),
    400: errorResponse('参数有误（含新期限不晚于原期限）'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
    404: errorResponse('专项行动或报送期限不存在'),
    409: errorResponse('没有可延期的报送任务，或专项行动已撤销'),
  },
});

export const cancelCampaign = createRoute({
  method: 'post',
  path: '/api/campaigns/{id}/cancel',
  tags,
  security,
  summary: '撤销专项行动：记录并审计后停止其时间线和各单位的提醒',
  middleware: [authenticate, requireRole('city_admin')] as const,
  request: {
    params: IdParams,
    body: { content: { 'application/json': { schema: CancelCampaignSchema } }, required: true },
  },
  responses: {
    200: jsonContent(CampaignSchema, '已撤销'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
    404: errorResponse('不存在'),
    409: errorResponse('已撤销'),
  },
});
