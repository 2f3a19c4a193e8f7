import { createRoute } from '@hono/zod-openapi';
import { authenticate } from '../../lib/auth.js';
import { errorResponse, jsonContent } from '../../lib/openapi.js';
import { IdParams } from '../../contracts/common.js';
import { correctionRoute, voidRoute } from '../record-corrections.js';
import {
  CorrectRiskReportSchema,
  CreateRiskReportSchema,
  RiskReportListQuery,
  RiskReportListSchema,
  RiskReportSchema,
} from '../../contracts/risk-reports.js';

const tags = ['风险监测'];
const security = [{ bearerAuth: [] }];
const middleware = authenticate;

export const listRiskReports = createRoute({
  method: 'get',
  path: '/api/risk-reports',
  tags,
  security,
  middleware,
  summary: '风险信息与风险监测记录（实施单位人员仅见本单位；市局可见全部；企业用户无权查看）',
  description: '`from`/`to` 按采集或监测时间（北京时间日期，含两端）筛选。',
  request: { query: RiskReportListQuery },
  responses: {
    200: jsonContent(RiskReportListSchema, '分页列表'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
  },
});

export const getRiskReport = createRoute({
  method: 'get',
  path: '/api/risk-reports/{id}',
  tags,
  security,
  middleware,
  summary: '风险信息/风险监测详情',
  request: { params: IdParams },
  responses: {
    200: jsonContent(RiskReportSchema, '记录'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
    404: errorResponse('不存在或不在权限范围内'),
  },
});

export const createRiskReport = createRoute({
  method: 'post',
  path: '/api/risk-reports',
  tags,
  security,
  middleware,
  summary: '录入采集的风险信息或开展的风险监测（监测批次数、发现质量问题数）',
  request: {
    body: { content: { 'application/json': { schema: CreateRiskReportSchema } }, required: true },
  },
  responses: {
    201: jsonContent(RiskReportSchema, '已录入'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
    413: errorResponse('请求内容过大'),
  },
});

const correctable = {
  path: '/api/risk-reports/{id}',
  tags,
  what: '风险监测记录',
  request: CorrectRiskReportSchema,
  response: RiskReportSchema,
};

export const correctRiskReport = correctionRoute(correctable);

export const voidRiskReport = voidRoute(correctable);
