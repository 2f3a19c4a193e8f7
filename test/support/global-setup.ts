import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { createLogger } from '../../lib/logger.js';
import { ensureTemporalCli } from '../../lib/temporal-cli.js';
import { startDevServer } from '../../lib/temporal-dev-server.js';
import { WORKFLOWS_PATH } from '../../worker.js';
import { freePort } from './ports.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    temporalCli: string;
    workflowBundlePath: string;
  }
}

// One real Temporal dev server (in memory) and one workflow bundle for the whole run; each
// suite isolates itself with its own task queue and database.
export default async function setup(project: TestProject) {
  const logger = createLogger('test-setup', 'warn');
  const cliPath = await ensureTemporalCli(logger, process.env.TEMPORAL_CLI);
  const server = await startDevServer({
    cliPath,
    port: await freePort(),
    namespace: 'default',
    logger,
  });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hcm-bundle-'));
  const bundlePath = path.join(dir, 'workflows.js');
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: new DefaultLogger('WARN'),
  });
  await writeFile(bundlePath, code);

  project.provide('temporalAddress', server.address);
  project.provide('temporalCli', cliPath);
  project.provide('workflowBundlePath', bundlePath);

  return async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
