// Worker-thread entry of the register reader: parses the file it is given and posts the sheet,
// or the reason it cannot be imported. Keeps the API's event loop (and the embedded database it
// serves) free while a large or hostile workbook is read.

import { parentPort, workerData } from 'node:worker_threads';
import { readSheetRows, SheetError, type FileKind, type SheetLimits } from './sheet-reader.js';

export interface SheetJob {
  kind: FileKind;
  bytes: Uint8Array;
  limits: SheetLimits;
}

export type SheetOutcome =
  | { ok: true; sheet: Awaited<ReturnType<typeof readSheetRows>> }
  | { ok: false; refused: string }
  | { ok: false; failed: string };

async function run(job: SheetJob): Promise<SheetOutcome> {
  try {
    return { ok: true, sheet: await readSheetRows(job.kind, job.bytes, job.limits) };
  } catch (error) {
    if (error instanceof SheetError) return { ok: false, refused: error.message };
    const failed = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { ok: false, failed };
  }
}

// No top-level await: under tsx this entry is loaded as CommonJS (see parse.ts).
void run(workerData as SheetJob).then((outcome) => parentPort!.postMessage(outcome));
