// `npm start`: the whole system on embedded defaults — a Temporal dev server (unless
// TEMPORAL_ADDRESS is set), the API with its database (PGlite in DATA_DIR unless DATABASE_URL
// is set), and the worker as a child process. Ctrl-C stops everything; running it again resumes.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bindDemoEnterpriseUser, seedDemoRecords } from '../api/db/demo-data.js';
import { demoTokensPath } from '../api/db/seed.js';
import { generateToken, hashToken } from '../api/lib/tokens.js';
import { keptLinkSecret } from '../api/lib/link-secret.js';
import { startApi } from '../api/runtime.js';
import { loadConfigOrExit } from '../config/env.js';
import { shanghaiDateOf } from '../domain/calendar/shanghai-time.js';
import { createFileStore } from '../lib/file-store.js';
import { createLogger } from '../lib/logger.js';
import { createMailer } from '../lib/mailer.js';
import { ensureTemporalCli } from '../lib/temporal-cli.js';
import { startDevServer, type DevServer } from '../lib/temporal-dev-server.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const config = loadConfigOrExit();
const logger = createLogger('start', config.logLevel);
await mkdir(config.dataDir, { recursive: true });

let devServer: DevServer | undefined;
let temporalAddress = config.temporal.address;
if (!temporalAddress) {
  const cliPath = await ensureTemporalCli(logger, config.temporal.cliPath);
  logger.info('starting the Temporal dev server', { cli: cliPath });
  devServer = await startDevServer({
    cliPath,
    port: config.temporal.port,
    uiPort: config.temporal.ui ? config.temporal.uiPort : undefined,
    dbFile: path.join(config.dataDir, 'temporal.sqlite'),
    namespace: config.temporal.namespace,
    logger,
  });
  temporalAddress = devServer.address;
}

const serviceToken = config.serviceToken ?? generateToken();
const api = await startApi({
  database: config.databaseUrl
    ? { kind: 'postgresql', url: config.databaseUrl }
    : { kind: 'pglite', dataDir: path.join(config.dataDir, 'pglite') },
  temporal: {
    address: temporalAddress,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
  },
  host: config.host,
  port: config.port,
  demoDataDir: config.dataDir,
  serviceToken,
  publicUrl: config.publicUrl,
  files: createFileStore(config.files),
  mailer: config.smtpUrl
    ? createMailer({ kind: 'smtp', url: config.smtpUrl, from: config.mailFrom })
    : createMailer({
        kind: 'outbox',
        dir: path.join(config.dataDir, 'outbox'),
        from: config.mailFrom,
      }),
  logger: createLogger('api', config.logLevel),
  signIn: {
    ...config.signIn,
    linkSecret: config.signIn.linkSecret ?? (await keptLinkSecret(config.dataDir)),
  },
}).catch(async (error: unknown) => {
  await devServer?.stop();
  throw error;
});

let stopping = false;
let worker: ChildProcess | undefined;
function startWorker(): void {
  worker = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'worker.ts')], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: temporalAddress,
      API_URL: api.url,
      SERVICE_TOKEN: serviceToken,
    },
  });
  worker.once('exit', (code, signal) => {
    if (stopping) return;
    logger.error('the worker stopped unexpectedly; restarting it in 2 s', { code, signal });
    setTimeout(startWorker, 2_000);
  });
}
startWorker();

if (config.demoSecondsPerDay > 0) await ensureDemoCampaign();
await bindDemoEnterpriseUser(api.db.prisma);

const line = (label: string, value: string) => `  ${label.padEnd(16)}${value}`;
console.log(
  [
    '',
    '专项行动管理系统已启动 — the campaign manager is running:',
    line('API', api.url),
    line('Dashboard', `${api.url}/dashboard`),
    line('API docs', `${api.url}/docs`),
    line('OpenAPI', `${api.url}/openapi.json`),
    line('Health', `${api.url}/health`),
    line('Temporal', temporalAddress),
    ...(devServer?.uiUrl ? [line('Temporal UI', devServer.uiUrl)] : []),
    line('Database', api.db.location),
    line('Demo tokens', demoTokensPath(config.dataDir)),
    line('Mail', config.smtpUrl ? config.smtpUrl : path.join(config.dataDir, 'outbox')),
    '  Press Ctrl-C to stop.',
    '',
  ].join('\n'),
);

/** On the first start: a compressed demo campaign, created through the API, and its records. */
async function ensureDemoCampaign(): Promise<void> {
  if ((await api.db.prisma.campaign.count()) > 0) return;
  const admin = await api.db.prisma.user.findUniqueOrThrow({
    where: { seedKey: 'demo:cityAdmin' },
  });
  const token = generateToken();
  // A short-lived token, so the demo campaign is created through the real API path.
  const issued = await api.db.prisma.apiToken.create({
    data: { userId: admin.id, tokenHash: hashToken(token), label: 'npm start demo campaign' },
  });
  try {
    const response = await fetch(`${api.url}/api/campaigns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        template: 'shanghai-2023',
        year: Number(shanghaiDateOf(new Date()).slice(0, 4)),
        demo: { secondsPerDay: config.demoSecondsPerDay },
      }),
    });
    const body = (await response.json()) as { id: string; startsAt: string };
    if (!response.ok) throw new Error(`creating the demo campaign failed: ${JSON.stringify(body)}`);
    const seeded = await seedDemoRecords(api.db.prisma, {
      campaignId: body.id,
      authorId: admin.id,
      startsAt: new Date(body.startsAt),
      secondsPerDay: config.demoSecondsPerDay,
    });
    // Before the workflows start: the hazards' first notices go to the demo enterprise user too.
    await bindDemoEnterpriseUser(api.db.prisma);
    // The seeded hazards and tasks get their rectification workflows now, not at the next sweep.
    await api.reconcile();
    logger.info('demo campaign created', {
      id: body.id,
      secondsPerDay: config.demoSecondsPerDay,
      ...seeded,
    });
  } finally {
    await api.db.prisma.apiToken.update({
      where: { id: issued.id },
      data: { revokedAt: new Date() },
    });
  }
}

async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info(`${signal}: stopping`);
  if (worker && worker.exitCode === null && worker.signalCode === null) {
    const exited = new Promise((resolve) => worker!.once('exit', resolve));
    worker.kill('SIGTERM');
    await exited;
  }
  await api.close();
  await devServer?.stop();
  logger.info('stopped');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
