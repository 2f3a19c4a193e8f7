import { createRoute } from '@hono/zod-openapi';
import { authenticate, requireRole } from '../../lib/auth.js';
import { errorResponse, jsonContent } from '../../lib/openapi.js';
import { IdParams } from '../../contracts/common.js';
import {
  CommitmentListQuery,
  CommitmentListSchema,
  CommitmentSchema,
  CreateCommitmentSchema,
} from '../../contracts/commitments.js';

const tags = ['企业承诺'];
const security = [{ bearerAuth: [] }];

export const listCommitments = createRoute({
  method: 'get',
  path: '/api/commitments',
  tags,
  security,
  middleware: [authenticate] as const,
  summary: '企业质量安全承诺（企业用户仅见本企业；实施单位人员仅见本单位；市局全部）',
  request: { query: CommitmentListQuery },
  responses: {
    200: jsonContent(CommitmentListSchema, '分页列表'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
  },
});

export const getCommitment = createRoute({
  method: 'get',
  path: '/api/commitments/{id}',
  tags,
  security,
  middleware: [authenticate] as const,
  summary: '企业承诺详情',
  request: { params: IdParams },
  responses: {
    200: jsonContent(CommitmentSchema, '企业承诺'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
    404: errorResponse('不存在或不在权限范围内'),
  },
});

export const createCommitment = createRoute({
  method: 'post',
  path: '/api/commitments',
  tags,
  security,
  middleware: [authenticate, requireRole('enterprise_user')] as const,
  summary: '提交本企业质量安全承诺（仅企业用户）',
  request: {
    body: { content: { 'application/json': { schema: CreateCommitmentSchema } }, required: true },
  },
  responses: {
    201: jsonContent(CommitmentSchema, '已提交'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限（仅企业用户可提交）'),
    413: errorResponse('请求内容过大'),
  },
});
