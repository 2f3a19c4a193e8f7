import { execFileSync, spawn } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from './logger.js';

// No npm package ships the Temporal server. We look for the Temporal CLI (which contains the dev
// server and its web UI) in this order, and build it from its Go module only as a last resort.
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

export class TemporalCliNotFound extends Error {
  override name = 'TemporalCliNotFound';
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    if (dir && isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function goBinDir(): string | undefined {
  const go = goExecutable();
  if (!go) return undefined;
  try {
    const gopath = execFileSync(go, ['env', 'GOPATH'], { encoding: 'utf8' })
      .trim()
      .split(path.delimiter)[0];
    return gopath ? path.join(gopath, 'bin') : undefined;
  } catch {
    return undefined;
  }
}

export function goExecutable(): string | undefined {
  return onPath('go') ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
}

/** Finds an existing Temporal CLI without building anything. */
export function findTemporalCli(configured?: string): string | undefined {
  if (configured) {
    if (!isExecutable(configured)) {
      throw new TemporalCliNotFound(`TEMPORAL_CLI=${configured}: no executable file there`);
    }
    return configured;
  }
  const fromPath = onPath('temporal');
  if (fromPath) return fromPath;
  const goBuilt = [goBinDir(), path.join(os.homedir(), 'go', 'bin')]
    .filter((dir): dir is string => Boolean(dir))
    .map((dir) => path.join(dir, 'temporal'))
    .find(isExecutable);
  return goBuilt;
}

/** Finds the CLI, or builds it with `go install` (minutes, once; Go caches the result). */
export async function ensureTemporalCli(logger: Logger, configured?: string): Promise<string> {
  const found = findTemporalCli(configured);
  if (found) return found;
  const go = goExecutable();
  if (!go) {
    throw new TemporalCliNotFound(
      'The Temporal CLI was not found (TEMPORAL_CLI, PATH, Go bin folder) and Go is not installed ' +
        'to build it. Install it (e.g. `brew install temporal`), set TEMPORAL_CLI to its path, or ' +
        'set TEMPORAL_ADDRESS to a running Temporal server.',
    );
  }
  logger.info(`building the Temporal CLI: go install ${TEMPORAL_CLI_MODULE} (a few minutes, once)`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(go, ['install', TEMPORAL_CLI_MODULE], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const ticker = setInterval(() => logger.info('still building the Temporal CLI…'), 30_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearInterval(ticker);
      if (code === 0) resolve();
      else
        reject(
          new TemporalCliNotFound(
            `go install ${TEMPORAL_CLI_MODULE} failed with exit code ${code}`,
          ),
        );
    });
  });
  const built = findTemporalCli();
  if (!built) throw new TemporalCliNotFound('go install finished but no temporal binary was found');
  return built;
}
