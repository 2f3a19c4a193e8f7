import { createRouter } from '../../lib/create-router.js';
import * as handlers from './internal.handlers.js';
import * as routes from './internal.routes.js';

export const internalRouter = createRouter()
  .openapi(routes.reserveReminder, handlers.reserveReminder)
  .openapi(routes.markReminderSent, handlers.markReminderSent)
  .openapi(routes.markOverdue, handlers.markOverdue)
  .openapi(routes.markEscalated, handlers.markEscalated);
