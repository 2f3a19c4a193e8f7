import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { inject } from 'vitest';

export const HISTORIES_DIR = fileURLToPath(new URL('../histories', import.meta.url));

/**
 * With RECORD_HISTORIES=1, saves a workflow's event history under test/histories/ (as the
 * Temporal CLI exports it) for the replay test. Record again only on purpose: the committed files
 * stand for workflows already running.
 */
export async function recordHistory(workflowId: string, name: string) {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const { stdout } = await promisify(execFile)(
    inject('temporalCli'),
    [
      'workflow',
      'show',
      '--workflow-id',
      workflowId,
      '--address',
      inject('temporalAddress'),
      '--output',
      'json',
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  await writeFile(path.join(HISTORIES_DIR, `${name}.json`), stdout);
}
