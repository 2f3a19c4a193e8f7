// Entry point of the API alone (production, docker-compose): it needs an external PostgreSQL
// (DATABASE_URL) unless it may own the embedded database in DATA_DIR, and a Temporal server.
import path from 'node:path';
import { loadConfigOrExit } from '../config/env.js';
import { createFileStore } from '../lib/file-store.js';
import { createMailer } from '../lib/mailer.js';
import { createLogger } from '../lib/logger.js';
import { keptLinkSecret } from './lib/link-secret.js';
import { startApi } from './runtime.js';

const config = loadConfigOrExit();
const logger = createLogger('api', config.logLevel);
const api = await startApi({
  database: config.databaseUrl
    ? { kind: 'postgresql', url: config.databaseUrl }
    : { kind: 'pglite', dataDir: path.join(config.dataDir, 'pglite') },
  temporal: {
    address: config.temporal.address ?? `127.0.0.1:${config.temporal.port}`,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
  },
  host: config.host,
  port: config.port,
  demoDataDir: config.nodeEnv === 'production' ? undefined : config.dataDir,
  serviceToken: config.serviceToken,
  publicUrl: config.publicUrl,
  files: createFileStore(config.files),
  mailer: config.smtpUrl
    ? createMailer({ kind: 'smtp', url: config.smtpUrl, from: config.mailFrom })
    : createMailer({
        kind: 'outbox',
        dir: path.join(config.dataDir, 'outbox'),
        from: config.mailFrom,
      }),
  logger,
  signIn: {
    ...config.signIn,
    linkSecret: config.signIn.linkSecret ?? (await keptLinkSecret(config.dataDir)),
  },
});
logger.info(`API listening on ${api.url}`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  api.close().then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error('shutdown failed', { error: String(error) });
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
