import { createRouter } from '../../lib/create-router.js';
import * as handlers from './invitations.handlers.js';
import * as routes from './invitations.routes.js';

export const invitationsRouter = createRouter().openapi(
  routes.inviteContacts,
  handlers.inviteContacts,
);
