import { DomainError } from '../../../domain/errors.js';
import type { AppDeps } from '../../lib/context.js';
import { hashToken } from '../../lib/tokens.js';

// Sign-in attempts (link requests, fresh-link requests, token-form posts) are limited per e-mail
// address and per client over a sliding window. The attempts are rows in the database, so every
// API process on that database counts the same attempts. Each attempt is written first and
// counted after: of attempts racing in two processes, the one committed k-th sees at least k, so
// no more than the limit are ever let through in one window (a refused attempt counts too).

export interface SignInAttemptInput {
  /** The client's address (`clientAddress`). */
  client: string;
  /** The e-mail address a link is asked for, when there is one. */
  address?: string;
}

export const addressBucket = (address: string) =>
  `address:${hashToken(address.trim().toLowerCase())}`;
export const clientBucket = (client: string) => `client:${client}`;

/** Records one sign-in attempt; over either limit, a 429 with a Chinese message and no change. */
export async function countSignInAttempt(deps: AppDeps, input: SignInAttemptInput): Promise<void> {
  const { prisma } = deps.db;
  const { limits } = deps.signIn;
  const now = deps.now();
  const windowMs = limits.windowMinutes * 60_000;
  const since = new Date(now.getTime() - windowMs);
  const buckets = [
    ...(input.address
      ? [{ bucket: addressBucket(input.address), limit: limits.perAddress, perAddress: true }]
      : []),
    { bucket: clientBucket(input.client), limit: limits.perClient, perAddress: false },
  ];
  await prisma.signInAttempt.createMany({
    data: buckets.map(({ bucket }) => ({ bucket, at: now })),
  });
  // Attempts older than the window count for nobody.
  await prisma.signInAttempt.deleteMany({ where: { at: { lt: since } } });
  for (const { bucket, limit, perAddress } of buckets) {
    const attempts = await prisma.signInAttempt.findMany({
      where: { bucket, at: { gte: since } },
      orderBy: { at: 'desc' },
      take: limit + 1,
      select: { at: true },
    });
    if (attempts.length <= limit) continue;
    // Free again when the oldest of the last `limit` attempts leaves the window.
    const freeAt = attempts[limit - 1]!.at.getTime() + windowMs;
    const retryAfterSeconds = Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
    const minutes = Math.ceil(retryAfterSeconds / 60);
    throw new DomainError(
      'RATE_LIMITED',
      perAddress
        ? `该邮箱的登录请求过于频繁（${limits.windowMinutes} 分钟内最多 ${limit} 次），请约 ${minutes} 分钟后再试。`
        : `登录请求过于频繁（同一网络地址 ${limits.windowMinutes} 分钟内最多 ${limit} 次），请约 ${minutes} 分钟后再试。`,
      { retryAfterSeconds },
    );
  }
}
