import { createRouter } from '../../lib/create-router.js';
import * as handlers from './statistics.handlers.js';
import * as routes from './statistics.routes.js';

export const statisticsRouter = createRouter()
  .openapi(routes.getStatistics, handlers.getStatistics)
  .openapi(routes.getCaseLedger, handlers.getCaseLedger)
  .openapi(routes.getSubmittedStatistics, handlers.getSubmittedStatistics);
