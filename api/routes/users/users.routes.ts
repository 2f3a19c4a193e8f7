import { createRoute } from '@hono/zod-openapi';
import { authenticate, requireRole } from '../../lib/auth.js';
import { errorResponse, jsonContent } from '../../lib/openapi.js';
import { IdParams } from '../../contracts/common.js';
import {
  CreateUserSchema,
  IssuedTokenSchema,
  IssueTokenSchema,
  MeSchema,
  TokenSummarySchema,
  UpdateUserSchema,
  UserDetailSchema,
  UserListQuery,
  UserListSchema,
  UserSchema,
} from '../../contracts/users.js';

const tags = ['用户与令牌'];
const security = [{ bearerAuth: [] }];
// The city admin manages every account; a unit officer the enterprise accounts of their unit's
// enterprises (the service narrows further and answers 404 outside that scope).
const userManagers = requireRole('city_admin', 'unit_officer');

export const getMe = createRoute({
  method: 'get',
  path: '/api/me',
  tags,
  security,
  middleware: [authenticate] as const,
  summary: '当前登录用户：角色、所属单位或企业',
  responses: {
    200: jsonContent(MeSchema, '当前用户'),
    401: errorResponse('未登录或令牌无效'),
  },
});

export const listUsers = createRoute({
  method: 'get',
  path: '/api/users',
  tags,
  security,
  middleware: [authenticate, userManagers] as const,
  summary: '用户列表（市局管理员：全部；实施单位工作人员：本单位企业的企业账号）',
  request: { query: UserListQuery },
  responses: {
    200: jsonContent(UserListSchema, '分页列表'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
  },
});

export const getUser = createRoute({
  method: 'get',
  path: '/api/users/{id}',
  tags,
  security,
  middleware: [authenticate, userManagers] as const,
  summary: '用户详情及其令牌（不含明文与摘要；范围同用户列表）',
  request: { params: IdParams },
  responses: {
    200: jsonContent(UserDetailSchema, '用户'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
    404: errorResponse('不存在'),
  },
});

export const createUser = createRoute({
  method: 'post',
  path: '/api/users',
  tags,
  security,
  middleware: [authenticate, userManagers] as const,
  summary:
    '创建用户（市局管理员；实施单位工作人员仅可为本单位企业创建企业账号；不能创建系统服务账号）',
  request: {
    body: { content: { 'application/json': { schema: CreateUserSchema } }, required: true },
  },
  responses: {
    201: jsonContent(UserSchema, '已创建'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
    409: errorResponse('邮箱已用于其他账号'),
  },
});

export const updateUser = createRoute({
  method: 'patch',
  path: '/api/users/{id}',
  tags,
  security,
  middleware: [authenticate, userManagers] as const,
  summary:
    '修改用户：姓名、邮箱、停用或恢复（停用后其令牌均返回 401、登录随即结束）；市局管理员可调整工作人员的角色和所属单位（其登录随即结束）',
  request: {
    params: IdParams,
    body: { content: { 'application/json': { schema: UpdateUserSchema } }, required: true },
  },
  responses: {
    200: jsonContent(UserSchema, '已修改'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限（含系统服务账号）'),
    404: errorResponse('不存在'),
    409: errorResponse('邮箱已用于其他账号'),
  },
});

export const issueToken = createRoute({
  method: 'post',
  path: '/api/users/{id}/tokens',
  tags,
  security,
  middleware: [authenticate, userManagers] as const,
  summary: '为用户签发 API 令牌（明文仅返回一次）',
  request: {
    params: IdParams,
    body: { content: { 'application/json': { schema: IssueTokenSchema } }, required: true },
  },
  responses: {
    201: jsonContent(IssuedTokenSchema, '已签发'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限（含系统服务账号）'),
    404: errorResponse('用户不存在'),
    409: errorResponse('用户已停用'),
  },
});

export const revokeToken = createRoute({
  method: 'delete',
  path: '/api/tokens/{id}',
  tags,
  security,
  middleware: [authenticate, userManagers] as const,
  summary: '吊销 API 令牌（此后使用该令牌返回 401；重复吊销无副作用）',
  request: { params: IdParams },
  responses: {
    200: jsonContent(TokenSummarySchema, '已吊销'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限（含系统服务账号的令牌）'),
    404: errorResponse('不存在'),
  },
});
