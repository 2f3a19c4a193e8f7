import { DomainError } from '../../../domain/errors.js';
import type { AppDeps, AuthUser } from '../../lib/context.js';
import { hashToken } from '../../lib/tokens.js';
import { openSession, type OpenedSession } from './sessions.js';
import { countSignInAttempt } from './sign-in-rate.js';

// The token form: API tokens are for machines and scripts; people sign in by e-mail link. The
// city admin may still open a session with a token, as a fallback when mail does not arrive.
// The session is bound to that token: revoking it ends the session.

export async function signInWithToken(
  deps: AppDeps,
  _user: null,
  input: { token: string; client: string },
): Promise<OpenedSession> {
  await countSignInAttempt(deps, { client: input.client });
  const row = await deps.db.prisma.apiToken.findUnique({
    where: { tokenHash: hashToken(input.token.trim()) },
    include: { user: true },
  });
  if (!row || row.revokedAt || row.user.disabledAt) {
    throw new DomainError('UNAUTHENTICATED', 'API 令牌无效、已被吊销或账号已停用，请核对后重试。');
  }
  if (row.user.role !== 'city_admin') {
    throw new DomainError(
      'FORBIDDEN',
      row.user.role === 'service'
        ? '系统服务账号不能登录工作看板。'
        : 'API 令牌仅供系统对接使用，不能用于登录工作看板：请在上方输入邮箱，通过邮件中的登录链接登录。',
    );
  }
  const { id, name, role, unitId, enterpriseId } = row.user;
  const user: AuthUser = { id, name, role, unitId, enterpriseId };
  return openSession(deps, user, { method: 'api_token', apiTokenId: row.id, client: input.client });
}
