import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../lib/context.js';
import { campaignDownload } from '../../services/reporting/exports/campaign-downloads.js';
import { downloadResponse } from '../../services/reporting/exports/download.js';
import {
  statisticsCsv,
  statisticsXlsx,
} from '../../services/reporting/exports/statistics-export.js';
import * as statistics from '../../services/reporting/statistics.js';
import type * as routes from './statistics.routes.js';

export const getStatistics: RouteHandler<typeof routes.getStatistics, AppEnv> = async (c) => {
  const query = { ...c.req.valid('query'), campaignId: c.req.valid('param').id };
  if (query.format !== 'json') {
    const format = query.format;
    return downloadResponse(
      await campaignDownload(c.var.deps, c.var.user, { ...query, table: 'statistics', format }),
    );
  }
  return c.json(await statistics.getStatistics(c.var.deps, c.var.user, query), 200);
};

export const getCaseLedger: RouteHandler<typeof routes.getCaseLedger, AppEnv> = async (c) => {
  const query = { ...c.req.valid('query'), campaignId: c.req.valid('param').id };
  if (query.format !== 'json') {
    const format = query.format;
    return downloadResponse(
      await campaignDownload(c.var.deps, c.var.user, { ...query, table: 'case-ledger', format }),
    );
  }
  return c.json(await statistics.getCaseLedger(c.var.deps, c.var.user, query), 200);
};

export const getSubmittedStatistics: RouteHandler<
  typeof routes.getSubmittedStatistics,
  AppEnv
> = async (c) => {
  const query = c.req.valid('query');
  const table = await statistics.getSubmittedStatistics(c.var.deps, c.var.user, {
    id: c.req.valid('param').id,
    version: query.version,
  });
  if (query.format === 'xlsx') return downloadResponse(await statisticsXlsx(table));
  if (query.format === 'csv') return downloadResponse(statisticsCsv(table));
  return c.json(table, 200);
};
