import type { z } from '@hono/zod-openapi';
import type { AppDeps, AuthUser } from '../../../lib/context.js';
import type { StatisticsQuery } from '../../../contracts/statistics.js';
import { getCaseLedger, getStatistics } from '../statistics.js';
import type { Download } from './download.js';
import { ledgerCsv, ledgerXlsx, statisticsCsv, statisticsXlsx } from './statistics-export.js';

/**
 * The statistics table or the case ledger as an XLSX or CSV file, for the user's scope. Used by
 * the API's download format and by the dashboard's download links alike.
 */
export async function campaignDownload(
  deps: AppDeps,
  user: AuthUser,
  campaignId: string,
  what: 'statistics' | 'case-ledger',
  query: z.output<typeof StatisticsQuery> & { format: 'xlsx' | 'csv' },
): Promise<Download> {
  if (what === 'statistics') {
    const table = await getStatistics(deps, user, campaignId, query);
    return query.format === 'xlsx' ? statisticsXlsx(table) : statisticsCsv(table);
  }
  const ledger = await getCaseLedger(deps, user, campaignId, query);
  return query.format === 'xlsx' ? ledgerXlsx(ledger) : ledgerCsv(ledger);
}
