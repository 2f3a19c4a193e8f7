import { createRouter } from '../../lib/create-router.js';
import * as handlers from './hazards.handlers.js';
import * as routes from './hazards.routes.js';

export const hazardsRouter = createRouter()
  .openapi(routes.listHazards, handlers.listHazards)
  .openapi(routes.getHazard, handlers.getHazard)
  .openapi(routes.createHazard, handlers.createHazard)
  .openapi(routes.updateHazard, handlers.updateHazard)
  .openapi(routes.startHazard, handlers.startHazard)
  .openapi(routes.submitHazard, handlers.submitHazard)
  .openapi(routes.verifyHazard, handlers.verifyHazard)
  .openapi(routes.extendHazard, handlers.extendHazard);
