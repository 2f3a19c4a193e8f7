import { createRouter } from '../../lib/create-router.js';
import * as handlers from './assistance.handlers.js';
import * as routes from './assistance.routes.js';

export const assistanceRouter = createRouter()
  .openapi(routes.listAssistance, handlers.listAssistance)
  .openapi(routes.getAssistance, handlers.getAssistance)
  .openapi(routes.createAssistance, handlers.createAssistance)
  .openapi(routes.correctAssistance, handlers.correctAssistance)
  .openapi(routes.voidAssistance, handlers.voidAssistance);
