import type { RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../lib/context.js';
import { contentDisposition, type Download } from '../../services/exports/download.js';
import {
  ledgerCsv,
  ledgerXlsx,
  statisticsCsv,
  statisticsXlsx,
} from '../../services/exports/statistics-export.js';
import * as statistics from '../../services/statistics.js';
import type * as routes from './statistics.routes.js';

function download(c: Context<AppEnv>, file: Download) {
  return c.body(
    typeof file.body === 'string' ? file.body : (file.body as Uint8Array<ArrayBuffer>),
    200,
    {
      'content-type': file.contentType,
      'content-disposition': contentDisposition(file.filename),
      'cache-control': 'no-store',
    },
  );
}

export const getStatistics: RouteHandler<typeof routes.getStatistics, AppEnv> = async (c) => {
  const query = c.req.valid('query');
  const table = await statistics.getStatistics(
    c.var.deps,
    c.var.user,
    c.req.valid('param').id,
    query,
  );
  if (query.format === 'xlsx') return download(c, await statisticsXlsx(table));
  if (query.format === 'csv') return download(c, statisticsCsv(table));
  return c.json(table, 200);
};

export const getCaseLedger: RouteHandler<typeof routes.getCaseLedger, AppEnv> = async (c) => {
  const query = c.req.valid('query');
  const ledger = await statistics.getCaseLedger(
    c.var.deps,
    c.var.user,
    c.req.valid('param').id,
    query,
  );
  if (query.format === 'xlsx') return download(c, await ledgerXlsx(ledger));
  if (query.format === 'csv') return download(c, ledgerCsv(ledger));
  return c.json(ledger, 200);
};

export const getSubmittedStatistics: RouteHandler<
  typeof routes.getSubmittedStatistics,
  AppEnv
> = async (c) => {
  const query = c.req.valid('query');
  const table = await statistics.getSubmittedStatistics(
    c.var.deps,
    c.var.user,
    c.req.valid('param').id,
    query.version,
  );
  if (query.format === 'xlsx') return download(c, await statisticsXlsx(table));
  if (query.format === 'csv') return download(c, statisticsCsv(table));
  return c.json(table, 200);
};
