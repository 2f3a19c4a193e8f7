import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Connection } from '@temporalio/client';
import type { FileStore } from '../lib/file-store.js';
import type { Logger } from '../lib/logger.js';
import type { Mailer } from '../lib/mailer.js';
import { SIGN_IN_DEFAULTS } from '../config/env.js';
import { createApp } from './app.js';
import { openDatabase, type Database, type DatabaseTarget } from './db/database.js';
import { applyMigrations } from './db/migrate.js';
import { ensureServiceAccount, seedDemoAccounts, seedReferenceData } from './db/seed.js';
import { reconcileTimeline } from './services/timeline/reconcile.js';
import { createTemporalGateway } from './temporal/gateway.js';
import type { AppDeps, SignInSettings } from './lib/context.js';

const RECONCILE_EVERY_MS = 5 * 60 * 1000;

export interface ApiRuntimeOptions {
  database: DatabaseTarget;
  temporal: { address: string; namespace: string; taskQueue: string };
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** Where demo-tokens.json is written; no demo accounts when undefined. */
  demoDataDir?: string;
  serviceToken?: string;
  /** Base of links in e-mails; defaults to the API's own URL. */
  publicUrl?: string;
  logger: Logger;
  /** The process's one file store (uploads). */
  files: FileStore;
  /** Mail the API sends itself (挂牌督办 notices); closed with the API. */
  mailer?: Mailer;
  now?: () => Date;
  /** Sign-in settings; defaults as in config/env.ts, with a random key for reminder links. */
  signIn?: Partial<SignInSettings>;
}

export interface ApiRuntime {
  url: string;
  db: Database;
  /** Starts missing workflows now (also runs at start and every few minutes). */
  reconcile(): Promise<void>;
  close(): Promise<void>;
}

/** Sign-in settings: the defaults of config/env.ts, a random key for reminder links, overrides. */
export function signInSettings(overrides: Partial<SignInSettings> = {}): SignInSettings {
  return {
    ...SIGN_IN_DEFAULTS,
    limits: { ...SIGN_IN_DEFAULTS.limits },
    linkSecret: randomBytes(32).toString('base64url'),
    trustProxy: false,
    ...overrides,
  };
}

/** Opens the database, migrates, seeds, connects to Temporal and serves the API. */
export async function startApi(options: ApiRuntimeOptions): Promise<ApiRuntime> {
  const { logger } = options;
  const db = await openDatabase(options.database);
  try {
    const applied = await applyMigrations(db);
    logger.info('database ready', {
      kind: db.kind,
      location: db.location,
      migrationsApplied: applied,
    });
    await seedReferenceData(db.prisma);
    if (options.demoDataDir) await seedDemoAccounts(db.prisma, options.demoDataDir);
    if (options.serviceToken) await ensureServiceAccount(db.prisma, options.serviceToken);
  } catch (error) {
    await db.close();
    throw error;
  }

  // Lazy: the API starts (and /health says so) even while Temporal is still coming up.
  const connection = Connection.lazy({ address: options.temporal.address });
  const temporal = createTemporalGateway({
    connection,
    namespace: options.temporal.namespace,
    taskQueue: options.temporal.taskQueue,
  });
  const deps: AppDeps = {
    db,
    temporal,
    logger,
    files: options.files,
    mailer: options.mailer,
    publicUrl: options.publicUrl ?? '',
    now: options.now ?? (() => new Date()),
    signIn: signInSettings(options.signIn),
  };
  const app = createApp(deps);

  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: options.host, port: options.port }, () =>
      resolve(s),
    );
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`;
  deps.publicUrl = options.publicUrl ?? url;

  // Open hazards and tasks without a running workflow (recorded while Temporal was down, or
  // seeded) get one: now, and every few minutes while the API runs.
  const reconcile = () =>
    reconcileTimeline(deps).catch((error: unknown) =>
      logger.warn('timeline reconciliation failed', { error: String(error) }),
    );
  void reconcile();
  const reconciler = setInterval(() => void reconcile(), RECONCILE_EVERY_MS);
  reconciler.unref();

  return {
    url,
    db,
    reconcile: async () => {
      await reconcile();
    },
    async close() {
      clearInterval(reconciler);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connection.close();
      options.mailer?.close();
      await db.close();
    },
  };
}
