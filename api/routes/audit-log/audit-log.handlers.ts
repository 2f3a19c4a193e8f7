import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../lib/context.js';
import * as auditLog from '../../services/reporting/audit-log.js';
import type * as routes from './audit-log.routes.js';

export const listAuditLog: RouteHandler<typeof routes.listAuditLog, AppEnv> = async (c) =>
  c.json(await auditLog.listAuditLog(c.var.deps, c.var.user, c.req.valid('query')), 200);

export const getAuditEntry: RouteHandler<typeof routes.getAuditEntry, AppEnv> = async (c) =>
  c.json(await auditLog.getAuditEntry(c.var.deps, c.var.user, c.req.valid('param')), 200);
