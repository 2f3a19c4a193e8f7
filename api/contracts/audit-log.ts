import { z } from '@hono/zod-openapi';
import { ROLE_NAMES } from './roles.js';
import { DateRangeQuery, PaginationQuery, listOf, sortQuery } from './lists.js';
import { Id, Instant } from './common.js';

const roles = Object.keys(ROLE_NAMES) as [keyof typeof ROLE_NAMES];

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    at: Instant,
    actor: z.object({
      id: z.string(),
      name: z.string().nullable(),
      role: z.enum(roles),
      roleName: z.string(),
    }),
    action: z.string().openapi({ example: 'update' }),
    entity: z.string().openapi({ example: 'hazard' }),
    entityId: z.string(),
    unitId: z.string().nullable(),
    reason: z.string().nullable(),
    before: z.unknown().openapi({ description: '修改前的记录（新建时为 null）' }),
    after: z.unknown().openapi({ description: '修改后的记录' }),
  })
  .openapi('AuditEntry');

export const AuditLogSchema = listOf(AuditEntrySchema, 'AuditLog');

export const AuditLogQuery = PaginationQuery.extend({
  entity: z.string().trim().min(1).max(64).optional().openapi({ example: 'hazard' }),
  entityId: Id.optional(),
  actor: Id.optional().openapi({ description: '操作人用户 id' }),
  action: z.string().trim().min(1).max(64).optional().openapi({ example: 'create' }),
  unit: Id.optional().openapi({ description: '记录所属单位 id' }),
  ...DateRangeQuery.shape,
  sort: sortQuery(['at', 'entity', 'action'], '-at'),
});
