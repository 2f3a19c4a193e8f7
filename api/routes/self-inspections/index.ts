import { createRouter } from '../../lib/create-router.js';
import * as handlers from './self-inspections.handlers.js';
import * as routes from './self-inspections.routes.js';

export const selfInspectionsRouter = createRouter()
  .openapi(routes.listSelfInspections, handlers.listSelfInspections)
  .openapi(routes.getSelfInspection, handlers.getSelfInspection)
  .openapi(routes.createSelfInspection, handlers.createSelfInspection);
