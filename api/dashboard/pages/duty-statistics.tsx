import { DomainError } from '../../../domain/errors.js';
import { SubmittedStatisticsQuery } from '../../contracts/statistics.js';
import { zodIssues } from '../../lib/validation.js';
import { getDuty } from '../../services/reporting/duties.js';
import { downloadResponse } from '../../services/reporting/exports/download.js';
import {
  statisticsCsv,
  statisticsXlsx,
} from '../../services/reporting/exports/statistics-export.js';
import { getSubmittedStatistics } from '../../services/reporting/statistics.js';
import { Layout } from '../components/layout.js';
import { StatisticsTableView } from '../components/statistics-table.js';
import {
  homeLabel,
  notFound,
  pageContext,
  render,
  type Ctx,
  type DashboardRouter,
} from '../page.js';
import { requireSession } from '../session.js';

// The statistics table frozen with one submitted version of a duty (never the live table):
// shown as a page, or downloaded as XLSX/CSV — through the service of GET /api/duties/{id}/statistics.

async function frozenTable(c: Ctx) {
  const ctx = await pageContext(c);
  if (ctx.user.role === 'enterprise_user') notFound();
  const parsed = SubmittedStatisticsQuery.safeParse(c.req.query());
  if (!parsed.success) {
    throw new DomainError('VALIDATION_FAILED', '下载参数有误', zodIssues(parsed.error));
  }
  const { version, format } = parsed.data;
  const id = c.req.param('id') ?? '';
  const table = await getSubmittedStatistics(c.var.deps, ctx.user, { id, version });
  if (format === 'xlsx') return downloadResponse(await statisticsXlsx(table));
  if (format === 'csv') return downloadResponse(statisticsCsv(table));
  const duty = await getDuty(c.var.deps, ctx.user, { id });
  const base = `/dashboard/duties/${encodeURIComponent(id)}`;
  const self = `${base}/statistics?version=${table.submission.version}`;
  const title = `${duty.name} · 第 ${table.submission.version} 版统计表`;
  return render(
    c,
    <Layout
      title={title}
      user={ctx.user}
      csrfToken={ctx.csrfToken}
      crumbs={[
        { href: '/dashboard', label: homeLabel(ctx.user) },
        { href: `/dashboard/units/${duty.unitId}`, label: duty.unitName },
        { href: base, label: duty.name },
        { label: `第 ${table.submission.version} 版统计表` },
      ]}
    >
      <section>
        <h2>
          {duty.unitName} · {title}
        </h2>
        <p class="muted">
          报送时冻结的统计表（报送时间 {table.submission.submittedAt.slice(0, 16).replace('T', ' ')}
          ），之后对记录的修改不影响本表。 <a href={`${self}&format=xlsx`}>下载 XLSX</a> ·{' '}
          <a href={`${self}&format=csv`}>下载 CSV</a>
        </p>
        <StatisticsTableView table={table} />
      </section>
    </Layout>,
  );
}

export function register(router: DashboardRouter) {
  router.get('/dashboard/duties/:id/statistics', requireSession, frozenTable);
}
