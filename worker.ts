import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
  type WorkerOptions,
} from '@temporalio/worker';
import { createHttpApi } from './activities/api-client.js';
import { createActivities, type CampaignActivities } from './activities/index.js';
import { loadConfigOrExit } from './config/env.js';
import { createLogger } from './lib/logger.js';
import { createMailer } from './lib/mailer.js';
import path from 'node:path';

export const WORKFLOWS_PATH = fileURLToPath(new URL('./workflows/index.ts', import.meta.url));

/**
 * Temporal's own log lines (including the workflow bundler's output) are verbose at INFO; show
 * them at DEBUG only. Must run before the first worker or connection of the process.
 */
export function installQuietRuntime(debug = false): void {
  Runtime.install({ logger: new DefaultLogger(debug ? 'DEBUG' : 'WARN') });
}

export interface CampaignWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: CampaignActivities;
  /** A prebuilt bundle (tests build it once); otherwise workflows are bundled at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

export function createCampaignWorker(options: CampaignWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: options.activities,
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: WORKFLOWS_PATH }),
  });
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger('worker', config.logLevel);
  if (!config.serviceToken) {
    console.error('SERVICE_TOKEN=(unset): the worker needs the API token of the service account');
    process.exit(1);
  }
  installQuietRuntime(config.logLevel === 'debug');
  const address = config.temporal.address ?? `127.0.0.1:${config.temporal.port}`;
  const connection = await NativeConnection.connect({ address });
  const mailer = config.smtpUrl
    ? createMailer({ kind: 'smtp', url: config.smtpUrl, from: config.mailFrom })
    : createMailer({
        kind: 'outbox',
        dir: path.join(config.dataDir, 'outbox'),
        from: config.mailFrom,
      });
  const worker = await createCampaignWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    activities: createActivities({
      api: createHttpApi({ baseUrl: config.apiUrl, token: config.serviceToken }),
      mailer,
    }),
  });
  logger.info('worker started', {
    address,
    taskQueue: config.temporal.taskQueue,
    api: config.apiUrl,
    mail: mailer.describe(),
  });
  // Temporal's runtime shuts the worker down gracefully on SIGINT/SIGTERM; run() then resolves.
  await worker.run();
  mailer.close();
  await connection.close();
  logger.info('worker stopped');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
