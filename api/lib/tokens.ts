import { createHash, createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'hcm_';

export function generateToken(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The secret of a one-time sign-in link (only its hash is stored). */
export function generateLinkSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The secret of a link derived from a key and a message (a reminder's key and its recipient), so
 * that a resend of the same reminder carries the same link; only its hash is stored.
 */
export function deriveLinkSecret(key: string, message: string): string {
  return createHmac('sha256', key).update(message).digest('base64url');
}
