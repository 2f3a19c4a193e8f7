// The register file as the import sees it: its kind from the name (or declared type), and its
// rows read off the request thread, in a worker with a row limit, an inflated-size limit, a memory
// cap and a time limit, so that one upload cannot stall the API for everyone else.

import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fieldError } from '../../../lib/errors.js';
import type { FileKind, Sheet, SheetLimits } from './sheet-reader.js';
import type { SheetJob, SheetOutcome } from './sheet-worker.js';

export type { FileKind, Sheet, SheetRow } from './sheet-reader.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_TYPES = ['text/csv', 'application/csv', 'text/comma-separated-values'];
const EXCEL_97_TYPE = 'application/vnd.ms-excel';

/** The kind of file from its name, then from its declared content type; else a 400. */
export function detectKind(fileName: string, contentType: string): FileKind {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'csv') return 'csv';
  if (extension === 'xlsx') return 'xlsx';
  if (extension === 'xls') {
    throw fieldError('file', '不支持旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV（UTF-8）后上传');
  }
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === XLSX_TYPE) return 'xlsx';
  if (CSV_TYPES.includes(type)) return 'csv';
  if (type === EXCEL_97_TYPE && !extension) return 'csv'; // how some browsers label .csv files
  throw fieldError(
    'file',
    `不支持的文件类型${extension ? `（.${extension}）` : ''}：请上传 CSV（UTF-8）或 Excel（.xlsx）文件`,
  );
}

export interface ReadLimits extends SheetLimits {
  /** Wall-clock time the worker may take before it is stopped. */
  timeoutMs: number;
  /** The worker's heap. */
  maxHeapMb: number;
}

const WORKER_URL = new URL(
  `./sheet-worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`,
  import.meta.url,
);

// Source files run through tsx (npm start, tests, the container). On Node 20 a worker thread does
// not apply loaders given in its execArgv to its entry module, so a TypeScript entry is loaded by
// a two-line bootstrap that registers tsx's loader first.
const WORKER_SOURCE = WORKER_URL.pathname.endsWith('.ts')
  ? `require(${JSON.stringify(createRequire(import.meta.url).resolve('tsx/cjs'))});
     require(${JSON.stringify(fileURLToPath(WORKER_URL))});`
  : null;

const TOO_LARGE = '文件内容过多或过于复杂，无法在限定时间内读取：请删去多余内容或分批导入';

/** Reads the header and data rows in a worker thread; a file that cannot be read is a 400. */
export function readSheet(kind: FileKind, bytes: Uint8Array, limits: ReadLimits): Promise<Sheet> {
  const job: SheetJob = {
    kind,
    bytes,
    limits: { maxRows: limits.maxRows, maxInflatedBytes: limits.maxInflatedBytes },
  };
  return new Promise<Sheet>((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE ?? WORKER_URL, {
      eval: WORKER_SOURCE !== null,
      workerData: job,
      resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb },
      stdout: false,
      stderr: false,
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(
      () => settle(() => reject(fieldError('file', TOO_LARGE))),
      limits.timeoutMs,
    );
    worker.once('message', (outcome: SheetOutcome) =>
      settle(() => {
        if (outcome.ok) resolve(outcome.sheet);
        else if ('refused' in outcome) reject(fieldError('file', outcome.refused));
        else reject(new Error(`register file reader failed: ${outcome.failed}`));
      }),
    );
    worker.once('error', (error: Error & { code?: string }) =>
      settle(() =>
        reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? fieldError('file', TOO_LARGE) : error),
      ),
    );
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`register file reader exited with code ${code}`))),
    );
  });
}
