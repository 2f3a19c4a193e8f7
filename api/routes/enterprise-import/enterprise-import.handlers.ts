import type { RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { DomainError } from '../../../domain/errors.js';
import type { AppEnv } from '../../lib/context.js';
import { errorBody } from '../../lib/errors.js';
import { templateCsv } from '../../services/register/enterprise-import/columns.js';
import * as enterpriseImport from '../../services/register/enterprise-import/import-enterprises.js';
import type * as routes from './enterprise-import.routes.js';

const uploadError = (message: string) =>
  new DomainError('VALIDATION_FAILED', '请求参数校验失败', [{ path: 'file', message }]);

/** The uploaded `file` field of a multipart body. */
async function uploadedFile(c: Context<AppEnv>): Promise<File> {
  const contentType = c.req.header('content-type') ?? '';
  if (!/^multipart\/form-data/i.test(contentType)) {
    throw uploadError('请以 multipart/form-data 上传文件，字段名为 file');
  }
  let body: Record<string, string | File | (string | File)[]>;
  try {
    body = await c.req.parseBody();
  } catch {
    throw uploadError('无法解析上传内容（multipart/form-data 格式有误）');
  }
  const file = body.file;
  if (!(file instanceof File)) throw uploadError('缺少文件：请在字段 file 中上传 CSV 或 XLSX 文件');
  return file;
}

export const importEnterprises: RouteHandler<typeof routes.importEnterprises, AppEnv> = async (
  c,
) => {
  const { dryRun } = c.req.valid('query');
  const file = await uploadedFile(c);
  const report = await enterpriseImport.importEnterprises(c.var.deps, c.var.user, {
    file,
    dryRun,
  });
  if (!dryRun && report.errors.length > 0) {
    const issues = report.errors.map((e) => ({
      path: `第${e.line}行${e.column ? `.${e.column}` : ''}`,
      message: e.message,
    }));
    const message = `导入文件有 ${report.errors.length} 处错误，未写入任何数据；请修改后重新上传`;
    return c.json({ ...errorBody('VALIDATION_FAILED', message, issues), ...report }, 400);
  }
  return c.json(report, 200);
};

export const importTemplate: RouteHandler<typeof routes.importTemplate, AppEnv> = (c) =>
  c.body(templateCsv(), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="enterprise-import-template.csv"; filename*=UTF-8''${encodeURIComponent('企业名录导入模板.csv')}`,
  });
