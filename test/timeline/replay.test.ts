import { spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { HISTORIES_DIR } from '../support/histories.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

// Replays recorded histories of every workflow type against the current workflow code (the same
// bundle the worker runs): a change that would break workflows already running fails here. Such
// a change needs `patched()`; then record new histories (RECORD_HISTORIES=1) beside the old ones.
describe('replaying recorded workflow histories', () => {
  it('has histories of every workflow type', async () => {
    const files = (await readdir(HISTORIES_DIR)).filter((f) => f.endsWith('.json'));
    expect([...new Set(files.map((f) => f.split('--')[0]))].sort()).toEqual([
      'campaign',
      'follow-up',
      'rectification',
      'unit-campaign',
    ]);
  });

  it('finds the current workflow code compatible with every one of them', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/replay-histories.ts', inject('workflowBundlePath')],
      { cwd: root, encoding: 'utf8', timeout: 120_000 },
    );
    expect(result.stdout).toMatch(/replayed \d+ histories, 0 incompatible/);
    expect(result.stdout).not.toContain('FAIL');
    expect(result.status).toBe(0);
  });
});
