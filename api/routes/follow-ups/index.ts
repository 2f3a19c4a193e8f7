import { createRouter } from '../../lib/create-router.js';
import * as handlers from './follow-ups.handlers.js';
import * as routes from './follow-ups.routes.js';

export const followUpsRouter = createRouter()
  .openapi(routes.listFollowUps, handlers.listFollowUps)
  .openapi(routes.getFollowUp, handlers.getFollowUp)
  .openapi(routes.closeFollowUp, handlers.closeFollowUp);
