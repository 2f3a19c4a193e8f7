import { createRoute, z } from '@hono/zod-openapi';
import { authenticate } from '../../lib/auth.js';
import { errorResponse } from '../../lib/openapi.js';
import { IdParams } from '../../contracts/common.js';
import { CSV_TYPE, XLSX_TYPE } from '../../services/reporting/exports/download.js';
import {
  CaseLedgerSchema,
  StatisticsQuery,
  StatisticsTableSchema,
  SubmittedStatisticsQuery,
  SubmittedStatisticsSchema,
} from '../../contracts/statistics.js';

const tags = ['统计报表'];
const security = [{ bearerAuth: [] }];
const middleware = authenticate;
const file = z.string().openapi({ format: 'binary' });

/** JSON, or the same as an XLSX or CSV download (format=xlsx|csv). */
const tableOrDownload = <T extends z.ZodType>(schema: T, description: string) => ({
  content: {
    'application/json': { schema },
    [XLSX_TYPE]: { schema: file },
    [CSV_TYPE.split(';')[0]!]: { schema: file },
  },
  description,
});

export const getStatistics = createRoute({
  method: 'get',
  path: '/api/campaigns/{id}/statistics',
  tags,
  security,
  middleware,
  summary: '统计表（附件2）：某单位或全市汇总，按月或按起止日期；可下载 XLSX/CSV',
  description:
    '市局可查看任一单位或全市汇总（含各单位分表）；实施单位人员仅本单位（其他单位为 404）；企业用户无权查看。',
  request: { params: IdParams, query: StatisticsQuery },
  responses: {
    200: tableOrDownload(StatisticsTableSchema, '统计表'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('企业用户无权查看'),
    404: errorResponse('专项行动或单位不存在或不在权限范围内'),
  },
});

export const getCaseLedger = createRoute({
  method: 'get',
  path: '/api/campaigns/{id}/case-ledger',
  tags,
  security,
  middleware,
  summary: '典型案例台账（附件1）：数据周期内报送的典型案例；可下载 XLSX/CSV',
  request: { params: IdParams, query: StatisticsQuery },
  responses: {
    200: tableOrDownload(CaseLedgerSchema, '典型案例台账'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('企业用户无权查看'),
    404: errorResponse('专项行动或单位不存在或不在权限范围内'),
  },
});

export const getSubmittedStatistics = createRoute({
  method: 'get',
  path: '/api/duties/{id}/statistics',
  tags,
  security,
  middleware,
  summary: '已报送的统计表（报送时冻结的快照，默认最新版本）',
  request: { params: IdParams, query: SubmittedStatisticsQuery },
  responses: {
    200: tableOrDownload(SubmittedStatisticsSchema, '报送时的统计表'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('企业用户无权查看'),
    404: errorResponse('报送任务或该版本的统计表不存在'),
  },
});
