import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'hcm_';

export function generateToken(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
