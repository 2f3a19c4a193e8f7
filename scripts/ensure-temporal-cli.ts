// Prints the path of the Temporal CLI, building it with Go first if none is found (CI, setup).
import { loadConfigOrExit } from '../config/env.js';
import { createLogger } from '../lib/logger.js';
import { ensureTemporalCli } from '../lib/temporal-cli.js';

const config = loadConfigOrExit();
console.log(
  await ensureTemporalCli(createLogger('setup', config.logLevel), config.temporal.cliPath),
);
