import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { authenticate, requireRole } from '../../lib/auth.js';
import { errorBody } from '../../lib/errors.js';
import { errorResponse, jsonContent } from '../../lib/openapi.js';
import { columnsMarkdown } from '../../services/register/enterprise-import/columns.js';
import { MAX_IMPORT_FILE_BYTES } from '../../services/register/enterprise-import/import-enterprises.js';
import {
  ImportFailureSchema,
  ImportQuery,
  ImportReportSchema,
  ImportUploadBody,
} from '../../contracts/enterprise-import.js';

const tags = ['企业名录'];
const security = [{ bearerAuth: [] }];

/** Room for the multipart envelope around a file of the largest size accepted. */
const MAX_REQUEST_BYTES = MAX_IMPORT_FILE_BYTES + 64 * 1024;

const description = `以 \`multipart/form-data\` 上传企业名录文件（字段名 \`file\`）：CSV（UTF-8，可带 BOM）或 Excel .xlsx（第一个工作表），不超过 5 MB。按文件扩展名识别，其次按内容类型。

第一行为表头，列名用中文（也接受英文列名）；列的顺序不限，可省略非必填列。多个值以“；”或“;”分隔。模板见 \`GET /api/enterprises/import/template.csv\`。

${columnsMarkdown()}

- 每行按与“登记企业”相同的规则校验（信用代码校验位、必填项、企业分类等）；产品类别须为重点产品类别的名称或代码。
- 实施单位工作人员导入的企业归本单位；市局管理员须在“实施单位”列写明每行的单位。
- 同一文件中信用代码重复：报告在后出现的行；信用代码已由其他实施单位登记：报告该行（不能转移企业所属单位）。
- 已登记的企业按信用代码更新：只改动文件中有的列，信息无变化计为“无变化”，有变化的更新并将版本号加 1。
- \`dryRun=true\` 试导入：校验全部行并报告，不写入任何数据。正式导入：只要有一行有误即整体不写入并返回 400（附同样的报告），全部无误时在一个事务内写入，每家新增或更新的企业记一条审计日志（操作 import）。
- 报告中的 \`line\` 为文件中的行号（表头为第 1 行）。`;

export const importEnterprises = createRoute({
  method: 'post',
  path: '/api/enterprises/import',
  tags,
  security,
  middleware: [
    authenticate,
    requireRole('unit_officer', 'city_admin'),
    bodyLimit({
      maxSize: MAX_REQUEST_BYTES,
      onError: (c) => c.json(errorBody('PAYLOAD_TOO_LARGE', '文件超过 5 MB 上限，请分批导入'), 413),
    }),
  ] as const,
  summary: '批量导入企业名录（CSV 或 XLSX，可试导入）',
  description,
  request: {
    query: ImportQuery,
    body: {
      content: { 'multipart/form-data': { schema: ImportUploadBody } },
      required: true,
    },
  },
  responses: {
    200: jsonContent(ImportReportSchema, '导入报告（试导入时为将会发生的变化）'),
    400: jsonContent(
      ImportFailureSchema,
      '文件类型或格式有误；正式导入时有行不合格（未写入任何数据，附导入报告）',
    ),
    401: errorResponse('未登录'),
    403: errorResponse('无权限（仅实施单位工作人员和市局管理员可导入）'),
    409: errorResponse('导入期间企业被他人修改或登记，未写入'),
    413: errorResponse('文件超过 5 MB'),
  },
});

export const importTemplate = createRoute({
  method: 'get',
  path: '/api/enterprises/import/template.csv',
  tags,
  security,
  middleware: [authenticate] as const,
  summary: '下载企业名录导入模板（CSV，UTF-8 带 BOM，可直接用 Excel 打开）',
  description: `表头一行和示例一行。列说明：\n\n${columnsMarkdown()}`,
  responses: {
    200: {
      content: { 'text/csv': { schema: z.string().openapi({ format: 'binary' }) } },
      description: '导入模板',
    },
    401: errorResponse('未登录'),
  },
});
