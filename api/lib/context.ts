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
