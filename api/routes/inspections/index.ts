import { createRouter } from '../../lib/create-router.js';
import * as handlers from './inspections.handlers.js';
import * as routes from './inspections.routes.js';

// The checklists route comes before /api/inspections/{id}, which would otherwise capture it.
export const inspectionsRouter = createRouter()
  .openapi(routes.listChecklists, handlers.listChecklists)
  .openapi(routes.listInspections, handlers.listInspections)
  .openapi(routes.getInspection, handlers.getInspection)
  .openapi(routes.createInspection, handlers.createInspection)
  .openapi(routes.correctInspection, handlers.correctInspection)
  .openapi(routes.voidInspection, handlers.voidInspection);
