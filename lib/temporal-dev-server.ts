import { spawn, type ChildProcess } from 'node:child_process';
import { Connection } from '@temporalio/client';
import type { Logger } from './logger.js';

export interface DevServerOptions {
  cliPath: string;
  port: number;
  /** Web UI port; undefined runs headless. */
  uiPort?: number;
  /** SQLite file for persistence; undefined keeps everything in memory (tests). */
  dbFile?: string;
  namespace: string;
  logger: Logger;
  readyTimeoutMs?: number;
}

export interface DevServer {
  address: string;
  uiUrl: string | undefined;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Runs `temporal server start-dev` and resolves once it answers health checks. */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const address = `127.0.0.1:${options.port}`;
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--namespace',
    options.namespace,
    '--log-level',
    'warn',
    // The dev server holds one SQLite connection; WAL keeps readers and the writer apart.
    '--sqlite-pragma',
    'journal_mode=wal',
    ...(options.uiPort
      ? ['--ui-port', String(options.uiPort), '--ui-ip', '127.0.0.1']
      : ['--headless']),
    ...(options.dbFile ? ['--db-filename', options.dbFile] : []),
  ];
  const child = spawn(options.cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(
        `The Temporal dev server exited (code ${child.exitCode}) before it was ready. ` +
          `Is port ${options.port} taken? Set TEMPORAL_PORT to another port, or TEMPORAL_ADDRESS ` +
          `to use a server that is already running.\n${output.trim()}`,
      );
    }
    if (await answersHealthCheck(address, options.namespace)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `The Temporal dev server did not become ready at ${address}.\n${output.trim()}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  options.logger.debug('temporal dev server ready', { address });
  return {
    address,
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined,
    process: child,
    stop,
  };
}

/** True once the server answers and the namespace exists (so workflows can start at once). */
export async function answersHealthCheck(
  address: string,
  namespace: string,
  timeoutMs = 1_000,
): Promise<boolean> {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address, connectTimeout: timeoutMs });
    const conn = connection;
    await conn.withDeadline(Date.now() + timeoutMs, async () => {
      await conn.healthService.check({});
      await conn.workflowService.describeNamespace({ namespace });
    });
    return true;
  } catch {
    return false;
  } finally {
    await connection?.close().catch(() => undefined);
  }
}
