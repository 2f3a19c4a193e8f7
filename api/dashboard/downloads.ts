import type { Context } from 'hono';
import { DomainError } from '../../domain/errors.js';
import { zodIssues } from '../lib/validation.js';
import { StatisticsQuery } from '../contracts/statistics.js';
import { campaignDownload } from '../services/reporting/exports/campaign-downloads.js';
import { downloadResponse } from '../services/reporting/exports/download.js';
import type { DashboardEnv } from './session.js';

/** Statistics and case-ledger downloads from the dashboard, as the signed-in user. */
export async function dashboardDownload(
  c: Context<DashboardEnv, string>,
  what: 'statistics' | 'case-ledger',
): Promise<Response> {
  const parsed = StatisticsQuery.safeParse({ format: 'xlsx', ...c.req.query() });
  if (!parsed.success) {
    throw new DomainError('VALIDATION_FAILED', '下载参数有误', zodIssues(parsed.error));
  }
  const query = parsed.data;
  const format = query.format === 'csv' ? 'csv' : 'xlsx';
  const file = await campaignDownload(c.var.deps, c.var.session.user, {
    ...query,
    campaignId: c.req.param('id') ?? '',
    table: what,
    format,
  });
  return downloadResponse(file);
}
