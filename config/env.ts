import path from 'node:path';
import { z } from 'zod';

// The only module that reads process.env. Everything else receives a typed Config.

/** Sign-in links and their rate limits when nothing is configured (also the API's defaults). */
export const SIGN_IN_DEFAULTS = {
  linkMinutes: 15,
  invitationLinkDays: 7,
  reminderLinkDays: 7,
  limits: { perAddress: 5, perClient: 20, windowMinutes: 15 },
} as const;

const port = z.coerce.number().int().min(1).max(65535);
const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .pipe(z.url({ protocol: new RegExp(`^(${protocols.join('|')})$`) }).optional())
    .optional();
const count = (min: number, max: number) =>
  z.coerce
    .number()
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATA_DIR: z.string().min(1).default('./data'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: optionalUrl(['http', 'https']),
  DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
  TEMPORAL_ADDRESS: z
    .string()
    .trim()
    .regex(/^[\w.-]+:\d{1,5}$/, 'expected host:port, e.g. 127.0.0.1:7233')
    .optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('hazard-campaigns'),
  TEMPORAL_CLI: z.string().min(1).optional(),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_UI: flag.default(true),
  API_URL: optionalUrl(['http', 'https']),
  SERVICE_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  SMTP_URL: optionalUrl(['smtp', 'smtps']),
  MAIL_FROM: z.string().min(3).default('专项行动提醒 <noreply@campaign.local>'),
  DEMO_SECONDS_PER_DAY: z.coerce
    .number()
    .min(0, 'must be 0 (no demo campaign) or more')
    .max(86_400)
    .default(10),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  FILES_DIR: z.string().trim().min(1).optional(),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024, 'must be at least 1024 bytes')
    .max(1024 * 1024 * 1024, 'must be at most 1 GiB')
    .default(20 * 1024 * 1024),
  SIGN_IN_LINK_MINUTES: count(1, 24 * 60).default(SIGN_IN_DEFAULTS.linkMinutes),
  INVITATION_LINK_DAYS: count(1, 30).default(SIGN_IN_DEFAULTS.invitationLinkDays),
  REMINDER_LINK_DAYS: count(1, 30).default(SIGN_IN_DEFAULTS.reminderLinkDays),
  SIGN_IN_LIMIT_PER_ADDRESS: count(1, 10_000).default(SIGN_IN_DEFAULTS.limits.perAddress),
  SIGN_IN_LIMIT_PER_CLIENT: count(1, 100_000).default(SIGN_IN_DEFAULTS.limits.perClient),
  SIGN_IN_LIMIT_WINDOW_MINUTES: count(1, 24 * 60).default(SIGN_IN_DEFAULTS.limits.windowMinutes),
  LINK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TRUST_PROXY: flag.default(false),
});

export type RawEnv = z.input<typeof schema>;

export interface Config {
  nodeEnv: 'development' | 'test' | 'production';
  dataDir: string;
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string | undefined;
  temporal: {
    address: string | undefined;
    namespace: string;
    taskQueue: string;
    cliPath: string | undefined;
    port: number;
    uiPort: number;
    ui: boolean;
  };
  apiUrl: string;
  serviceToken: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Seconds per calendar day of the demo campaign `npm start` creates; 0 creates none. */
  demoSecondsPerDay: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  files: {
    /** Where uploads are kept, named by their SHA-256 (FILES_DIR, default DATA_DIR/files). */
    dir: string;
    /** Largest file accepted per upload (UPLOAD_MAX_BYTES). */
    maxBytes: number;
  };
  signIn: {
    /** Lifetime of a link requested on the sign-in page (single use). */
    linkMinutes: number;
    /** Lifetime of an invitation's link (single use). */
    invitationLinkDays: number;
    /** Lifetime of the sign-in link a reminder carries to an enterprise user. */
    reminderLinkDays: number;
    /** Sign-in attempts allowed per e-mail address and per client within the window. */
    limits: { perAddress: number; perClient: number; windowMinutes: number };
    /** Key from which reminder links are derived (LINK_SECRET); unset: kept in DATA_DIR. */
    linkSecret: string | undefined;
    /** The client is the last address of X-Forwarded-For (behind a reverse proxy). */
    trustProxy: boolean;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        const value = source[name];
        return `${name}=${value === undefined ? '(unset)' : JSON.stringify(value)}: ${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  const localApi = `http://${e.HOST === '0.0.0.0' ? '127.0.0.1' : e.HOST}:${e.PORT}`;
  return {
    nodeEnv: e.NODE_ENV,
    dataDir: path.resolve(e.DATA_DIR),
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL ?? localApi,
    databaseUrl: e.DATABASE_URL,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      cliPath: e.TEMPORAL_CLI,
      port: e.TEMPORAL_PORT,
      uiPort: e.TEMPORAL_UI_PORT,
      ui: e.TEMPORAL_UI,
    },
    apiUrl: e.API_URL ?? localApi,
    serviceToken: e.SERVICE_TOKEN,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    demoSecondsPerDay: e.DEMO_SECONDS_PER_DAY,
    logLevel: e.LOG_LEVEL,
    files: {
      dir: path.resolve(e.FILES_DIR ?? path.join(e.DATA_DIR, 'files')),
      maxBytes: e.UPLOAD_MAX_BYTES,
    },
    signIn: {
      linkMinutes: e.SIGN_IN_LINK_MINUTES,
      invitationLinkDays: e.INVITATION_LINK_DAYS,
      reminderLinkDays: e.REMINDER_LINK_DAYS,
      limits: {
        perAddress: e.SIGN_IN_LIMIT_PER_ADDRESS,
        perClient: e.SIGN_IN_LIMIT_PER_CLIENT,
        windowMinutes: e.SIGN_IN_LIMIT_WINDOW_MINUTES,
      },
      linkSecret: e.LINK_SECRET,
      trustProxy: e.TRUST_PROXY,
    },
  };
}

/** Entry points call this: a bad value stops the process with a message naming the variable. */
export function loadConfigOrExit(source: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(source);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
