import { createRouter } from '../../lib/create-router.js';
import * as handlers from './units.handlers.js';
import * as routes from './units.routes.js';

export const unitsRouter = createRouter()
  .openapi(routes.listUnits, handlers.listUnits)
  .openapi(routes.getUnit, handlers.getUnit)
  .openapi(routes.setListedSupervision, handlers.setListedSupervision);
