import { createRouter } from '../../lib/create-router.js';
import * as handlers from './audit-log.handlers.js';
import * as routes from './audit-log.routes.js';

// Append-only: entries are written by writeAudit inside each change's transaction; no route
// here changes or deletes them.
export const auditLogRouter = createRouter()
  .openapi(routes.listAuditLog, handlers.listAuditLog)
  .openapi(routes.getAuditEntry, handlers.getAuditEntry);
