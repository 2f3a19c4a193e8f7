import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config/env.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('configuration', () => {
  it('has embedded defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.databaseUrl).toBeUndefined();
    expect(config.temporal.address).toBeUndefined();
    expect(config.temporal.port).toBe(7233);
    expect(config.apiUrl).toBe('http://127.0.0.1:3000');
    expect(config.files).toEqual({
      dir: path.resolve('./data/files'),
      maxBytes: 20 * 1024 * 1024,
    });
  });

  it('keeps uploads under DATA_DIR unless FILES_DIR says otherwise', () => {
    expect(loadConfig({ DATA_DIR: '/srv/hcm' }).files.dir).toBe(path.resolve('/srv/hcm/files'));
    const config = loadConfig({
      DATA_DIR: '/srv/hcm',
      FILES_DIR: '/mnt/uploads',
      UPLOAD_MAX_BYTES: '5242880',
    });
    expect(config.files).toEqual({ dir: path.resolve('/mnt/uploads'), maxBytes: 5 * 1024 * 1024 });
    expect(() => loadConfig({ UPLOAD_MAX_BYTES: '20MB' })).toThrow(/UPLOAD_MAX_BYTES="20MB"/);
    expect(() => loadConfig({ UPLOAD_MAX_BYTES: '10' })).toThrow(/UPLOAD_MAX_BYTES.*at least 1024/);
  });

  it('names every bad variable and what it expects', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x/y', TEMPORAL_ADDRESS: 'nohost' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT="abc": /m);
    expect(problems).toMatch(/^DATABASE_URL="mysql:\/\/x\/y": /m);
    expect(problems).toMatch(/^TEMPORAL_ADDRESS="nohost": expected host:port/m);
  });

  it('reads the sign-in settings, with defaults, and names a bad one', () => {
    expect(loadConfig({}).signIn).toEqual({
      linkMinutes: 15,
      invitationLinkDays: 7,
      reminderLinkDays: 7,
      limits: { perAddress: 5, perClient: 20, windowMinutes: 15 },
      linkSecret: undefined,
      trustProxy: false,
    });
    const config = loadConfig({
      SIGN_IN_LINK_MINUTES: '10',
      REMINDER_LINK_DAYS: '3',
      SIGN_IN_LIMIT_PER_ADDRESS: '2',
      TRUST_PROXY: 'true',
      LINK_SECRET: 'k'.repeat(32),
    }).signIn;
    expect(config).toMatchObject({
      linkMinutes: 10,
      reminderLinkDays: 3,
      limits: { perAddress: 2 },
      trustProxy: true,
      linkSecret: 'k'.repeat(32),
    });
    expect(() => loadConfig({ REMINDER_LINK_DAYS: '0' })).toThrow(
      /REMINDER_LINK_DAYS="0": must be at least 1/,
    );
    expect(() => loadConfig({ SIGN_IN_LINK_MINUTES: '1.5' })).toThrow(/SIGN_IN_LINK_MINUTES/);
    expect(() => loadConfig({ LINK_SECRET: 'short' })).toThrow(/LINK_SECRET.*at least 32/);
  });

  it('rejects a short service token', () => {
    expect(() => loadConfig({ SERVICE_TOKEN: 'short' })).toThrow(/SERVICE_TOKEN.*at least 32/);
  });

  it('stops an entry point with a clear message on a bad value', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'worker.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '70000' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toContain('PORT="70000"');
  });
});
