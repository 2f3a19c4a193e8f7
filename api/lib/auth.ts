import { createMiddleware } from 'hono/factory';
import { DomainError } from '../../domain/errors.js';
import type { Role } from '../../prisma/generated/enums.js';
import type { AppEnv } from './context.js';
import { hashToken } from './tokens.js';
import { ROLE_NAMES } from '../contracts/roles.js';

const BEARER = /^Bearer\s+(\S+)$/i;

/** Resolves `Authorization: Bearer <token>` to an active user, or answers 401. */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const match = BEARER.exec(c.req.header('authorization') ?? '');
  if (!match) throw new DomainError('UNAUTHENTICATED', '缺少 API 令牌（Authorization: Bearer …）');
  const token = await c.var.deps.db.prisma.apiToken.findUnique({
    where: { tokenHash: hashToken(match[1]!) },
    include: { user: true },
  });
  if (!token || token.revokedAt || token.user.disabledAt) {
    throw new DomainError('UNAUTHENTICATED', 'API 令牌无效或已被吊销');
  }
  const { id, name, role, unitId, enterpriseId } = token.user;
  c.set('user', { id, name, role, unitId, enterpriseId });
  await next();
});

export function requireRole(...roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!roles.includes(c.var.user.role)) {
      throw new DomainError(
        'FORBIDDEN',
        `无权执行此操作：需要${roles.map((r) => ROLE_NAMES[r]).join('或')}身份`,
      );
    }
    await next();
  });
}
