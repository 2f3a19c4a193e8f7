import { createRoute } from '@hono/zod-openapi';
import { authenticate } from '../../lib/auth.js';
import { errorResponse, jsonContent } from '../../lib/openapi.js';
import { IdParams } from '../../contracts/common.js';
import {
  DutyAttachmentParams,
  DutyListQuery,
  DutyListSchema,
  DutySchema,
  SubmitDutyMultipartSchema,
  SubmitDutySchema,
} from '../../contracts/duties.js';

const tags = ['报送任务'];
const security = [{ bearerAuth: [] }];
const middleware = authenticate;

export const listDuties = createRoute({
  method: 'get',
  path: '/api/duties',
  tags,
  security,
  middleware,
  summary: '各单位的报送任务（月度统计表、阶段性总结、全年总结）及其状态',
  request: { query: DutyListQuery },
  responses: {
    200: jsonContent(DutyListSchema, '分页列表'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('企业用户无权查看'),
  },
});

export const getDuty = createRoute({
  method: 'get',
  path: '/api/duties/{id}',
  tags,
  security,
  middleware,
  summary: '报送任务详情，含各版本报送内容和已发送的提醒',
  request: { params: IdParams },
  responses: {
    200: jsonContent(DutySchema, '报送任务'),
    401: errorResponse('未登录'),
    403: errorResponse('无权查看'),
    404: errorResponse('不存在或不在权限范围内'),
  },
});

export const submitDuty = createRoute({
  method: 'post',
  path: '/api/duties/{id}/submissions',
  tags,
  security,
  middleware,
  summary:
    '报送（重新报送为新版本，须说明原因）；报送后停止提醒。月度统计表须随表报送本月典型案例或声明本月无典型案例；附件用 multipart/form-data 的 files 字段上传',
  request: {
    params: IdParams,
    body: {
      content: {
        'application/json': { schema: SubmitDutySchema },
        'multipart/form-data': { schema: SubmitDutyMultipartSchema },
      },
      required: true,
    },
  },
  responses: {
    201: jsonContent(DutySchema, '已报送'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('无权报送'),
    404: errorResponse('不存在或不在权限范围内'),
    409: errorResponse('已被他人同时报送，或专项行动已撤销'),
  },
});

export const downloadDutyFile = createRoute({
  method: 'get',
  path: '/api/duties/{id}/files/{attachmentId}',
  tags,
  security,
  middleware,
  summary: '下载某一报送版本的附件（仅限可查看该报送任务的用户）',
  request: { params: DutyAttachmentParams },
  responses: {
    200: { description: '附件内容（按内容识别的类型，作为下载）' },
    401: errorResponse('未登录'),
    403: errorResponse('无权查看'),
    404: errorResponse('不存在或不在权限范围内'),
  },
});
