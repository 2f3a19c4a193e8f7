import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The address a request comes from, for per-client rate limits. Behind a reverse proxy
 * (`TRUST_PROXY`), the last X-Forwarded-For entry — the one our proxy appended; entries before
 * it are whatever the client claimed. Otherwise the socket's peer.
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // Not served by @hono/node-server (app.request in unit tests): one bucket for all.
    return 'unknown';
  }
}
