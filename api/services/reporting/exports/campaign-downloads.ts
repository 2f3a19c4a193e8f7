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
  input: z.output<typeof StatisticsQuery> & {
    campaignId: string;
    table: 'statistics' | 'case-ledger';
    format: 'xlsx' | 'csv';
  },
): Promise<Download> {
  if (input.table === 'statistics') {
    const table = await getStatistics(deps, user, input);
    return input.format === 'xlsx' ? statisticsXlsx(table) : statisticsCsv(table);
  }
  const ledger = await getCaseLedger(deps, user, input);
  return input.format === 'xlsx' ? ledgerXlsx(ledger) : ledgerCsv(ledger);
}
