import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { createHttpApi } from '../../activities/api-client.js';
import { createActivities } from '../../activities/index.js';
import { seedDemoAccounts, type DemoTokens } from '../../api/db/seed.js';
import { generateToken } from '../../api/lib/tokens.js';
import type { DatabaseTarget } from '../../api/db/database.js';
import type { SignInSettings } from '../../api/lib/context.js';
import { startApi, type ApiRuntime } from '../../api/runtime.js';
import { createFileStore } from '../../lib/file-store.js';
import { createLogger } from '../../lib/logger.js';
import { createMailer } from '../../lib/mailer.js';
import { createCampaignWorker, installQuietRuntime } from '../../worker.js';
import { createTestDatabase, type DatabaseKind } from './databases.js';
import { startSmtpCatcher, type SmtpCatcher } from './smtp.js';

/** A demo account, the worker's service account, a raw token (`{ token }`) or no one (null). */
export type Caller = keyof DemoTokens | 'service' | { token: string } | null;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface CallOptions {
  as?: Caller;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is, with a JSON content type (malformed or oversized bodies). */
  rawBody?: string;
}

export interface ApiResponse<Body> {
  status: number;
  body: Body;
}

export interface TestStack {
  api: ApiRuntime;
  /** The suite's database, for a second API process on it. */
  database: DatabaseTarget;
  tokens: DemoTokens;
  serviceToken: string;
  taskQueue: string;
  /** The real SMTP listener the worker's mailer sends to. */
  smtp: SmtpCatcher;
  temporalAddress: string;
  /**
   * fetch against the API, JSON in and out, as the given caller (the city admin by default).
   * `Body` states what the caller expects back; it is not checked at run time.
   */
  call<Body = any>(
    method: HttpMethod,
    path: string,
    options?: CallOptions,
  ): Promise<ApiResponse<Body>>;
  stop(): Promise<void>;
}

export interface TestStackOptions {
  database: DatabaseKind;
  /** Run a worker for this stack's task queue (default true). */
  worker?: boolean;
  /** Point the API at another Temporal address (e.g. one where nothing listens). */
  temporalAddress?: string;
  /**
   * Sign-in settings. By default the rate limits are high, since suites sign in many times from
   * one address; the sign-in tests set their own.
   */
  signIn?: Partial<SignInSettings>;
}

/** Limits no suite reaches by signing in as it goes. */
export const TEST_SIGN_IN_LIMITS = { perAddress: 1000, perClient: 10_000, windowMinutes: 15 };

/** Small, so that tests of the upload limit need no large bodies. */
export const TEST_UPLOAD_MAX_BYTES = 256 * 1024;

let runtimeInstalled = false;

/** The real API (HTTP on a free port), a fresh database and a real worker on its own task queue. */
export async function startTestStack(options: TestStackOptions): Promise<TestStack> {
  const database = await createTestDatabase(options.database);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hcm-test-'));
  const taskQueue = `test-${randomBytes(6).toString('hex')}`;
  const serviceToken = generateToken();
  const logger = createLogger('test-api', 'error');
  const temporalAddress = options.temporalAddress ?? inject('temporalAddress');
  const smtp = await startSmtpCatcher();
  const mailer = createMailer({
    kind: 'smtp',
    url: smtp.url,
    from: '专项行动提醒 <noreply@test.local>',
  });
  // The API's own notices (挂牌督办) go to the same listener as the worker's reminders.
  const apiMailer = createMailer({
    kind: 'smtp',
    url: smtp.url,
    from: '专项行动提醒 <noreply@test.local>',
  });
  const api = await startApi({
    database: database.target,
    temporal: { address: temporalAddress, namespace: 'default', taskQueue },
    host: '127.0.0.1',
    port: 0,
    serviceToken,
    logger,
    // Removed with dataDir when the stack stops.
    files: createFileStore({ dir: path.join(dataDir, 'files'), maxBytes: TEST_UPLOAD_MAX_BYTES }),
    mailer: apiMailer,
    signIn: { limits: TEST_SIGN_IN_LIMITS, ...options.signIn },
  });
  const tokens = await seedDemoAccounts(api.db.prisma, dataDir);
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let connection: NativeConnection | undefined;
  if (options.worker !== false) {
    if (!runtimeInstalled) {
      installQuietRuntime();
      runtimeInstalled = true;
    }
    connection = await NativeConnection.connect({ address: temporalAddress });
    worker = await createCampaignWorker({
      connection,
      namespace: 'default',
      taskQueue,
      activities: createActivities({
        api: createHttpApi({ baseUrl: api.url, token: serviceToken }),
        mailer,
      }),
      workflowBundle: { codePath: inject('workflowBundlePath') },
    });
    running = worker.run();
  }

  return {
    api,
    database: database.target,
    tokens,
    serviceToken,
    taskQueue,
    smtp,
    temporalAddress,
    async call(method, urlPath, { as = 'cityAdmin', body, rawBody } = {}) {
      const token =
        as === null
          ? undefined
          : typeof as === 'object'
            ? as.token
            : as === 'service'
              ? serviceToken
              : tokens[as];
      const response = await fetch(`${api.url}${urlPath}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined || rawBody !== undefined
            ? { 'content-type': 'application/json' }
            : {}),
        },
        body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body: parsed as never };
    },
    async stop() {
      if (worker) {
        worker.shutdown();
        await running;
      }
      await connection?.close();
      mailer.close();
      await smtp.stop();
      await api.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  { timeoutMs = 30_000, intervalMs = 200, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
