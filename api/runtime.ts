import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Connection } from '@temporalio/client';
import type { Logger } from '../lib/logger.js';
import { createApp } from './app.js';
import { openDatabase, type Database, type DatabaseTarget } from './db/database.js';
import { applyMigrations } from './db/migrate.js';
import { ensureServiceAccount, seedDemoAccounts, seedReferenceData } from './db/seed.js';
import { createTemporalGateway } from './temporal/gateway.js';

export interface ApiRuntimeOptions {
  database: DatabaseTarget;
  temporal: { address: string; namespace: string; taskQueue: string };
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** Where demo-tokens.json is written; no demo accounts when undefined. */
  demoDataDir?: string;
  serviceToken?: string;
  logger: Logger;
  now?: () => Date;
}

export interface ApiRuntime {
  url: string;
  db: Database;
  close(): Promise<void>;
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
  const app = createApp({ db, temporal, logger, now: options.now ?? (() => new Date()) });

  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: options.host, port: options.port }, () =>
      resolve(s),
    );
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`;

  return {
    url,
    db,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connection.close();
      await db.close();
    },
  };
}
