import type { FileStore } from '../../lib/file-store.js';
import type { Logger } from '../../lib/logger.js';
import type { Mailer } from '../../lib/mailer.js';
import type { Database } from '../db/database.js';
import type { Role } from '../../prisma/generated/enums.js';
import type { TemporalGateway } from '../temporal/gateway.js';

export interface AppDeps {
  db: Database;
  temporal: TemporalGateway;
  logger: Logger;
  /** Uploads (attachments), stored once per content. */
  files: FileStore;
  /** Base of links people follow from e-mails (PUBLIC_URL). */
  publicUrl: string;
  /**
   * Notices the API sends itself (挂牌督办 to the unit's officers); deadline reminders go through
   * the worker. Absent: such notices are recorded as reserved and not sent.
   */
  mailer?: Mailer;
  /** Injected so tests can pin "now"; production uses the wall clock. */
  now: () => Date;
  /** People's sign-in: link lifetimes, rate limits, the key of reminder links. */
  signIn: SignInSettings;
}

export interface SignInSettings {
  /** Lifetime of a link requested on the sign-in page (single use). */
  linkMinutes: number;
  /** Lifetime of an invitation's link (single use). */
  invitationLinkDays: number;
  /** Lifetime of the sign-in link a reminder carries to an enterprise user (reusable). */
  reminderLinkDays: number;
  /** Sign-in attempts allowed per e-mail address and per client within the sliding window. */
  limits: { perAddress: number; perClient: number; windowMinutes: number };
  /** HMAC key from which a reminder's link is derived, so a resend carries the same link. */
  linkSecret: string;
  /** Take the client from the last X-Forwarded-For address (the API is behind a proxy). */
  trustProxy: boolean;
}

export interface AuthUser {
  id: string;
  name: string;
  role: Role;
  unitId: string | null;
  enterpriseId: string | null;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    logger: Logger;
    user: AuthUser;
  };
}
