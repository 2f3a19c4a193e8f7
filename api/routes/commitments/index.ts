import { createRouter } from '../../lib/create-router.js';
import * as handlers from './commitments.handlers.js';
import * as routes from './commitments.routes.js';

export const commitmentsRouter = createRouter()
  .openapi(routes.listCommitments, handlers.listCommitments)
  .openapi(routes.getCommitment, handlers.getCommitment)
  .openapi(routes.createCommitment, handlers.createCommitment);
