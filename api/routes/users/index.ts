import { createRouter } from '../../lib/create-router.js';
import * as handlers from './users.handlers.js';
import * as routes from './users.routes.js';

export const usersRouter = createRouter()
  .openapi(routes.getMe, handlers.getMe)
  .openapi(routes.listUsers, handlers.listUsers)
  .openapi(routes.getUser, handlers.getUser)
  .openapi(routes.createUser, handlers.createUser)
  .openapi(routes.updateUser, handlers.updateUser)
  .openapi(routes.issueToken, handlers.issueToken)
  .openapi(routes.revokeToken, handlers.revokeToken);
