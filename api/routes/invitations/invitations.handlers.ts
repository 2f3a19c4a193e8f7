import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../lib/context.js';
import * as invitations from '../../services/people/invitations.js';
import type * as routes from './invitations.routes.js';

export const inviteContacts: RouteHandler<typeof routes.inviteContacts, AppEnv> = async (c) =>
  c.json(
    await invitations.inviteContacts(c.var.deps, c.var.user, {
      ...c.req.valid('json'),
      dryRun: c.req.valid('query').dryRun,
    }),
    200,
  );
