import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../lib/context.js';
import * as riskReports from '../../services/records/risk-reports.js';
import type * as routes from './risk-reports.routes.js';

export const listRiskReports: RouteHandler<typeof routes.listRiskReports, AppEnv> = async (c) =>
  c.json(await riskReports.listRiskReports(c.var.deps, c.var.user, c.req.valid('query')), 200);

export const getRiskReport: RouteHandler<typeof routes.getRiskReport, AppEnv> = async (c) =>
  c.json(
    riskReports.presentRiskReport(
      await riskReports.findVisibleRiskReport(c.var.deps, c.var.user, c.req.valid('param')),
    ),
    200,
  );

export const createRiskReport: RouteHandler<typeof routes.createRiskReport, AppEnv> = async (c) =>
  c.json(await riskReports.createRiskReport(c.var.deps, c.var.user, c.req.valid('json')), 201);

export const correctRiskReport: RouteHandler<typeof routes.correctRiskReport, AppEnv> = async (c) =>
  c.json(
    await riskReports.correctRiskReport(c.var.deps, c.var.user, {
      id: c.req.valid('param').id,
      ...(c.req.valid('json') as { version: number; reason: string }),
    }),
    200,
  );

export const voidRiskReport: RouteHandler<typeof routes.voidRiskReport, AppEnv> = async (c) =>
  c.json(
    await riskReports.voidRiskReport(c.var.deps, c.var.user, {
      id: c.req.valid('param').id,
      ...c.req.valid('json'),
    }),
    200,
  );
