import { createRouter } from '../../lib/create-router.js';
import * as handlers from './duties.handlers.js';
import * as routes from './duties.routes.js';

export const dutiesRouter = createRouter()
  .openapi(routes.listDuties, handlers.listDuties)
  .openapi(routes.getDuty, handlers.getDuty)
  .openapi(routes.submitDuty, handlers.submitDuty)
  .openapi(routes.downloadDutyFile, handlers.downloadDutyFile);
