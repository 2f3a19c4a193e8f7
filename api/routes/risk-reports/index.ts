import { createRouter } from '../../lib/create-router.js';
import * as handlers from './risk-reports.handlers.js';
import * as routes from './risk-reports.routes.js';

export const riskReportsRouter = createRouter()
  .openapi(routes.listRiskReports, handlers.listRiskReports)
  .openapi(routes.getRiskReport, handlers.getRiskReport)
  .openapi(routes.createRiskReport, handlers.createRiskReport)
  .openapi(routes.correctRiskReport, handlers.correctRiskReport)
  .openapi(routes.voidRiskReport, handlers.voidRiskReport);
