import { createRouter } from '../../lib/create-router.js';
import * as handlers from './escalation-actions.handlers.js';
import * as routes from './escalation-actions.routes.js';

export const escalationActionsRouter = createRouter()
  .openapi(routes.listEscalationActions, handlers.listEscalationActions)
  .openapi(routes.recordEscalationAction, handlers.recordEscalationAction);
