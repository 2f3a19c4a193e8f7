// Replays the recorded histories in test/histories/ against the current workflow code and exits
// non-zero when any would no longer replay (a change that breaks running workflows).
// Usage: npm run replay [-- <bundle path>]
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { WORKFLOWS_PATH } from '../worker.js';

const dir = fileURLToPath(new URL('../test/histories', import.meta.url));
const bundlePath = process.argv[2];
Runtime.install({ logger: new DefaultLogger('WARN') });

const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
const histories = await Promise.all(
  files.map(async (file) => ({
    workflowId: file.replace(/\.json$/, ''),
    history: JSON.parse(await readFile(path.join(dir, file), 'utf8')) as unknown,
  })),
);
let failed = 0;
for await (const result of Worker.runReplayHistories(
  bundlePath ? { workflowBundle: { codePath: bundlePath } } : { workflowsPath: WORKFLOWS_PATH },
  histories,
)) {
  if (result.error) {
    failed += 1;
    console.log(`FAIL ${result.workflowId}: ${result.error.message}`);
  } else {
    console.log(`ok   ${result.workflowId}`);
  }
}
console.log(`replayed ${histories.length} histories, ${failed} incompatible`);
process.exit(failed === 0 && histories.length > 0 ? 0 : 1);
