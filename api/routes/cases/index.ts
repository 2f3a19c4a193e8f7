import { createRouter } from '../../lib/create-router.js';
import * as handlers from './cases.handlers.js';
import * as routes from './cases.routes.js';

export const casesRouter = createRouter()
  .openapi(routes.listCases, handlers.listCases)
  .openapi(routes.getCase, handlers.getCase)
  .openapi(routes.createCase, handlers.createCase)
  .openapi(routes.updateCase, handlers.updateCase)
  .openapi(routes.correctCase, handlers.correctCase)
  .openapi(routes.voidCase, handlers.voidCase);
