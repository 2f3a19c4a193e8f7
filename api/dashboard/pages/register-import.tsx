import { createHash } from 'node:crypto';
import { DomainError } from '../../../domain/errors.js';
import type { FieldIssue } from '../../contracts/common.js';
import { templateCsv } from '../../services/register/enterprise-import/columns.js';
import {
  importEnterprises,
  type ImportReport,
} from '../../services/register/enterprise-import/import-enterprises.js';
import { Flash } from '../components/flash.js';
import { FileField, Form, SubmitButton, type FormState } from '../components/forms.js';
import { Layout } from '../components/layout.js';
import { checkedForm } from '../form-post.js';
import {
  EXPIRED_FORM,
  forbiddenPage,
  homeLabel,
  notFound,
  pageContext,
  render,
  type Ctx,
  type DashboardRouter,
  type PageContext,
} from '../page.js';
import { requireSession } from '../session.js';
import { registerPath, registerUnit, type RegisterUnit } from './register.js';

// Importing the register from a CSV or XLSX file, in two steps: the upload runs the import
// service as a dry run and shows the row errors and what each valid row would do; 「确认导入」
// runs the same service for real on the same file, kept server-side in the meantime
// (PendingEnterpriseImport, readable only by the officer who uploaded it), so it is not uploaded
// again.

interface Data {
  unit: RegisterUnit;
  report?: ImportReport;
  /** The kept upload to confirm, when the dry run found no error. */
  pending?: { id: string; fileName: string };
  form?: FormState;
}

const ACTION_NAMES = { create: '新登记', update: '更新', unchanged: '无变化' } as const;

const importPath = (unitId: string) => `${registerPath(unitId)}/import`;

function ReportView({ report }: { report: ImportReport }) {
  return (
    <>
      <p>
        共 {report.total} 行数据：无误 {report.valid} 行，有误 {report.invalid} 行。
        {report.errors.length === 0 &&
          `${report.dryRun ? '确认导入后将' : '已'}新登记 ${report.created} 家、更新 ${report.updated} 家，${report.unchanged} 家信息无变化。`}
      </p>
      {report.errors.length > 0 && (
        <>
          <h3>错误（{report.errors.length} 处）</h3>
          <table class="import-errors">
            <thead>
              <tr>
                <th>行号</th>
                <th>列</th>
                <th>问题</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.map((e) => (
                <tr>
                  <td>第 {e.line} 行</td>
                  <td>{e.column ?? '—'}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {report.rows.length > 0 && (
        <>
          <h3>{report.errors.length > 0 ? '无误的行' : '将导入的行'}</h3>
          <table class="import-rows">
            <thead>
              <tr>
                <th>行号</th>
                <th>统一社会信用代码</th>
                <th>企业名称</th>
                <th>处理</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r) => (
                <tr>
                  <td>第 {r.line} 行</td>
                  <td>{r.creditCode}</td>
                  <td>{r.name}</td>
                  <td>{ACTION_NAMES[r.action]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}

export function View({ ctx, data }: { ctx: PageContext; data: Data }) {
  const { unit, report, pending } = data;
  const path = importPath(unit.id);
  return (
    <Layout
      title={`${unit.name} · 导入企业名录`}
      user={ctx.user}
      csrfToken={ctx.csrfToken}
      crumbs={[
        { href: '/dashboard', label: homeLabel(ctx.user) },
        { href: `/dashboard/units/${unit.id}`, label: unit.name },
        { href: registerPath(unit.id), label: '企业名录' },
        { label: '导入企业名录' },
      ]}
    >
      <Flash kind="err" text={ctx.error} />
      {report && (
        <section id="report">
          <h2>试导入结果</h2>
          <ReportView report={report} />
          {pending ? (
            <Form action={`${path}/confirm`} csrfToken={ctx.csrfToken}>
              <input type="hidden" name="pending" value={pending.id} />
              <p class="small">
                文件“{pending.fileName}
                ”已校验无误。确认后全部行在一次操作中写入（已登记的企业按统一社会信用代码更新），无需再次上传。
              </p>
              <SubmitButton>确认导入</SubmitButton>
            </Form>
          ) : (
            <p class="small">文件有错误，未写入任何数据。请按上表修改文件后重新上传。</p>
          )}
        </section>
      )}
      <section>
        <h2>{report ? '重新上传' : '导入企业名录'}</h2>
        <p class="small">
          上传 CSV（UTF-8）或
          Excel（.xlsx）文件，第一行为表头。先试导入，校验每一行并显示结果，确认后才写入。
          <a href={`${path}/template.csv`}>下载 CSV 模板</a>
        </p>
        <Form action={path} csrfToken={ctx.csrfToken} multipart class="stack">
          <FileField
            name="file"
            label="企业名录文件"
            accept=".csv,.xlsx"
            state={data.form}
            required
          />
          <SubmitButton>试导入</SubmitButton>
        </Form>
      </section>
    </Layout>
  );
}

async function show(c: Ctx) {
  const ctx = await pageContext(c);
  const unit = await registerUnit(c, ctx);
  return render(c, <View ctx={ctx} data={{ unit }} />);
}

function fileIssues(error: unknown): FieldIssue[] {
  if (
    error instanceof DomainError &&
    ['VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE'].includes(error.code)
  ) {
    return Array.isArray(error.details)
      ? (error.details as FieldIssue[])
      : [{ path: 'file', message: error.message }];
  }
  throw error;
}

/** Step 1: the upload, checked as a dry run; an error-free file is kept for 「确认导入」. */
async function upload(c: Ctx) {
  const fields = await checkedForm(c);
  if (!fields) return forbiddenPage(c, EXPIRED_FORM);
  const ctx = await pageContext(c);
  const unit = await registerUnit(c, ctx);
  const { file } = await c.req.parseBody();
  const rejected = (issues: FieldIssue[]) =>
    render(
      c,
      <View
        ctx={{ ...ctx, error: '试导入未成功，请按提示处理后重新上传。' }}
        data={{ unit, form: { values: {}, issues } }}
      />,
      400,
    );
  if (!(file instanceof File) || file.size === 0) {
    return rejected([{ path: 'file', message: '请选择要导入的 CSV 或 XLSX 文件' }]);
  }
  let report: ImportReport;
  try {
    report = await importEnterprises(c.var.deps, ctx.user, { file, dryRun: true });
  } catch (error) {
    return rejected(fileIssues(error));
  }
  if (report.errors.length > 0 || report.total === 0) {
    return render(c, <View ctx={ctx} data={{ unit, report }} />, 400);
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const { prisma } = c.var.deps.db;
  // One kept upload per officer: a new dry run replaces the one not confirmed.
  await prisma.pendingEnterpriseImport.deleteMany({ where: { userId: ctx.user.id } });
  const pending = await prisma.pendingEnterpriseImport.create({
    data: {
      userId: ctx.user.id,
      fileName: file.name,
      contentType: file.type,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      content: Buffer.from(bytes).toString('base64'),
    },
    select: { id: true, fileName: true },
  });
  return render(c, <View ctx={ctx} data={{ unit, report, pending }} />);
}

/** Step 2: the kept file, imported for real (all rows or none). */
async function confirm(c: Ctx) {
  const fields = await checkedForm(c);
  if (!fields) return forbiddenPage(c, EXPIRED_FORM);
  const ctx = await pageContext(c);
  const unit = await registerUnit(c, ctx);
  const { prisma } = c.var.deps.db;
  const pending = await prisma.pendingEnterpriseImport.findFirst({
    where: { id: fields.pending ?? '', userId: ctx.user.id },
  });
  if (!pending) notFound();
  const bytes = Buffer.from(pending.content, 'base64');
  const file = {
    name: pending.fileName,
    type: pending.contentType,
    size: bytes.byteLength,
    arrayBuffer: () => Promise.resolve(new Uint8Array(bytes).buffer),
  };
  let report: ImportReport;
  try {
    report = await importEnterprises(c.var.deps, ctx.user, { file, dryRun: false });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'CONFLICT') {
      const withError = { ...ctx, error: `导入未成功：${error.message}` };
      return render(c, <View ctx={withError} data={{ unit }} />, 409);
    }
    throw error;
  }
  if (report.errors.length > 0) {
    // The register changed since the dry run (another officer registered a code meanwhile).
    const withError = { ...ctx, error: '导入未成功：文件已不再无误，未写入任何数据。' };
    return render(c, <View ctx={withError} data={{ unit, report }} />, 400);
  }
  await prisma.pendingEnterpriseImport.delete({ where: { id: pending.id } });
  return c.redirect(`${registerPath(unit.id)}?ok=enterprises_imported`, 303);
}

async function template(c: Ctx) {
  const ctx = await pageContext(c);
  await registerUnit(c, ctx);
  return c.body(templateCsv(), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="enterprise-import-template.csv"; filename*=UTF-8''${encodeURIComponent('企业名录导入模板.csv')}`,
  });
}

export function register(router: DashboardRouter) {
  router.get('/dashboard/units/:id/enterprises/import', requireSession, show);
  router.get('/dashboard/units/:id/enterprises/import/template.csv', requireSession, template);
  router.post('/dashboard/units/:id/enterprises/import', requireSession, upload);
  router.post('/dashboard/units/:id/enterprises/import/confirm', requireSession, confirm);
}
