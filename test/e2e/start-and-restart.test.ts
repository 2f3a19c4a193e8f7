import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.js';
import { freePort } from '../support/ports.js';
import { waitFor } from '../support/stack.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

describe.each(DATABASE_KINDS)('npm start on %s: up, stopped with Ctrl-C, started again', (kind) => {
  let dataDir: string;
  let database: TestDatabase | undefined;
  let env: NodeJS.ProcessEnv;
  let apiUrl: string;
  let temporalPort: number;
  let running: Running | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'hcm-start-'));
    database = kind === 'postgresql' ? await createTestDatabase('postgresql') : undefined;
    const port = await freePort();
    temporalPort = await freePort();
    apiUrl = `http://127.0.0.1:${port}`;
    const {
      DATABASE_URL: _db,
      TEMPORAL_ADDRESS: _t,
      SERVICE_TOKEN: _s,
      ...inherited
    } = process.env;
    env = {
      ...inherited,
      DATA_DIR: dataDir,
      PORT: String(port),
      TEMPORAL_PORT: String(temporalPort),
      TEMPORAL_UI: 'false',
      // One calendar day per second: the demo campaign enters 排查阶段 30 s after it starts.
      DEMO_SECONDS_PER_DAY: '1',
      LOG_LEVEL: 'warn',
      ...(database?.target.kind === 'postgresql' ? { DATABASE_URL: database.target.url } : {}),
    };
  });

  afterAll(async () => {
    if (running && running.child.exitCode === null) {
      running.child.kill('SIGINT');
      await running.exited;
    }
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const start = async (): Promise<Running> => {
    let output = '';
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    await waitFor(
      () => {
        if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
        return Promise.resolve(output.includes('Press Ctrl-C to stop') ? true : undefined);
      },
      { timeoutMs: 90_000, what: 'npm start to come up' },
    );
    return { child, output: () => output, exited };
  };

  /** The first .eml in the outbox to `to` whose text contains `needle`, parsed. */
  const outboxMail = async (to: string, needle: string) => {
    const dir = path.join(dataDir, 'outbox');
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.sort()) {
      const mail = await simpleParser(await readFile(path.join(dir, name)));
      const addresses = [mail.to].flat().flatMap((a) => a?.value.map((v) => v.address) ?? []);
      if (addresses.includes(to) && mail.text?.includes(needle)) return mail;
    }
    return undefined;
  };

  const get = async (urlPath: string, token?: string) => {
    const response = await fetch(`${apiUrl}${urlPath}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  it('comes up healthy with seeded data, tokens and a demo campaign, and prints where things are', async () => {
    running = await start();
    expect(running.output()).toContain(`API             ${apiUrl}`);
    expect(running.output()).toContain(`${apiUrl}/docs`);
    expect(running.output()).toContain(path.join(dataDir, 'demo-tokens.json'));
    expect((await get('/health')).body).toEqual({ status: 'ok', database: 'ok', temporal: 'ok' });

    const tokens = JSON.parse(await readFile(path.join(dataDir, 'demo-tokens.json'), 'utf8'));
    const { body } = await get('/api/campaigns', tokens.citySupervisor);
    expect(body.items).toHaveLength(1);
    expect(body.items[0].demo).toEqual({ secondsPerDay: 1 });

    // A living campaign: enterprises with hazards and spot checks in at least three units,
    // 浦东新区 among them, and the demo enterprise user bound to one of them.
    const enterprises = await get('/api/enterprises?pageSize=200', tokens.citySupervisor);
    const units = new Set(enterprises.body.items.map((e: { unitName: string }) => e.unitName));
    expect(units.size).toBeGreaterThanOrEqual(3);
    expect(units).toContain('浦东新区市场监督管理局');
    const officerView = await get('/api/enterprises?pageSize=200', tokens.unitOfficer);
    expect(officerView.body.total).toBeGreaterThan(0);
    expect(officerView.body.total).toBeLessThan(enterprises.body.total);
    const own = await get('/api/enterprises', tokens.enterpriseUser);
    expect(own.body.items).toHaveLength(1);

    // The demo enterprise's reminder in the outbox opens its hazard in a browser, no token.
    const mail = await waitFor(() => outboxMail('chen@puan.demo.local', '/dashboard/link/'), {
      timeoutMs: 60_000,
      intervalMs: 500,
      what: 'the demo enterprise’s reminder in the outbox',
    });
    const link = /https?:\/\/\S+\/dashboard\/link\/[\w-]+/.exec(mail.text ?? '')![0];
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ locale: 'zh-CN' });
      expect(await context.cookies()).toEqual([]);
      const page = await context.newPage();
      await page.goto(link);
      expect(new URL(page.url()).pathname).toMatch(/^\/dashboard\/hazards\/[\w-]+$/);
      expect(await page.textContent('header')).toContain('企业联系人（演示）');
      expect(await page.textContent('h2')).toBeTruthy();
    } finally {
      await browser.close();
    }
  });

  it('stops every child process on Ctrl-C', async () => {
    running!.child.kill('SIGINT');
    expect(await running!.exited).toBe(0);
    // The Temporal dev server's port is free again, and the API no longer answers.
    await expect(listenOnce(temporalPort)).resolves.toBe(true);
    await expect(fetch(`${apiUrl}/health`)).rejects.toThrow();
  });

  it('resumes with its records, tokens and running workflows intact', async () => {
    const tokens = JSON.parse(await readFile(path.join(dataDir, 'demo-tokens.json'), 'utf8'));
    running = await start();
    const after = JSON.parse(await readFile(path.join(dataDir, 'demo-tokens.json'), 'utf8'));
    expect(after).toEqual(tokens);

    const { body } = await get('/api/campaigns', tokens.cityAdmin);
    expect(body.items).toHaveLength(1);
    const id = body.items[0].id as string;
    // The demo campaign's timer, set before the restart, still fires and the worker records it.
    const moved = await waitFor(
      async () => {
        const { body: campaign } = await get(`/api/campaigns/${id}`, tokens.cityAdmin);
        return campaign.phase.key === 'investigation' ? campaign : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'the demo campaign to reach 排查阶段' },
    );
    expect(moved.phase.source).toBe('workflow');
    expect(moved.phases[1].enteredAt).not.toBeNull();
  });
});

function listenOnce(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
