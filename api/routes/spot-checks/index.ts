import { createRouter } from '../../lib/create-router.js';
import * as handlers from './spot-checks.handlers.js';
import * as routes from './spot-checks.routes.js';

export const spotChecksRouter = createRouter()
  .openapi(routes.listSpotChecks, handlers.listSpotChecks)
  .openapi(routes.getSpotCheck, handlers.getSpotCheck)
  .openapi(routes.createSpotCheck, handlers.createSpotCheck)
  .openapi(routes.correctSpotCheck, handlers.correctSpotCheck)
  .openapi(routes.voidSpotCheck, handlers.voidSpotCheck);
