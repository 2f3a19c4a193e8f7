import { createRouter } from '../../lib/create-router.js';
import * as handlers from './interviews.handlers.js';
import * as routes from './interviews.routes.js';

export const interviewsRouter = createRouter()
  .openapi(routes.listInterviews, handlers.listInterviews)
  .openapi(routes.getInterview, handlers.getInterview)
  .openapi(routes.createInterview, handlers.createInterview)
  .openapi(routes.correctInterview, handlers.correctInterview)
  .openapi(routes.voidInterview, handlers.voidInterview);
