// Reading an uploaded register file (CSV in UTF-8, or the first sheet of an XLSX workbook) into
// rows of text cells, each with the line number a person sees in Excel or a text editor. Runs in
// a worker thread (sheet-worker.ts): nothing here may assume it shares the API's event loop.

import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { declaredInflatedSize } from './zip-directory.js';

export type FileKind = 'csv' | 'xlsx';

export interface SheetRow {
  /** 1-based line (CSV) or row number (XLSX) where the row starts. */
  line: number;
  cells: string[];
}

export interface Sheet {
  headerLine: number;
  headers: string[];
  rows: SheetRow[];
}

export interface SheetLimits {
  /** Data rows (after the header, blank rows not counted) beyond which the file is refused. */
  maxRows: number;
  /** Bytes an XLSX may declare once inflated (a small zip can hold a huge sheet). */
  maxInflatedBytes: number;
}

/** A file that cannot be imported as it is; the message is for the person who uploaded it. */
export class SheetError extends Error {}

export const tooManyRows = (maxRows: number) => `一次最多导入 ${maxRows} 行，请分批导入`;

/** Reads the header row and the data rows; stops reading as soon as the row limit is passed. */
export async function readSheetRows(
  kind: FileKind,
  bytes: Uint8Array,
  limits: SheetLimits,
): Promise<Sheet> {
  let header: SheetRow | undefined;
  const rows: SheetRow[] = [];
  const take = (row: SheetRow): boolean => {
    if (isBlank(row.cells)) return true;
    if (!header) header = row;
    else if (rows.push(row) > limits.maxRows) throw new SheetError(tooManyRows(limits.maxRows));
    return true;
  };
  if (kind === 'csv') readCsv(bytes).forEach(take);
  else await readXlsx(bytes, limits, take);
  if (!header) throw new SheetError('文件为空：第一行应为表头（列名）');
  return { headerLine: header.line, headers: header.cells.map((h) => h.trim()), rows };
}

const isBlank = (cells: readonly string[]) => cells.every((cell) => cell.trim() === '');

const newlines = (text: string) => text.match(/\r\n|\r|\n/g)?.length ?? 0;

function readCsv(bytes: Uint8Array): SheetRow[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new SheetError(
      'CSV 文件不是 UTF-8 编码：请在 Excel 中“另存为 CSV UTF-8（逗号分隔）”后上传，或上传 .xlsx 文件',
    );
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw new SheetError(
        `CSV 格式错误${line ? `（第 ${line} 行附近）` : ''}：请检查引号是否成对`,
      );
    }
    throw error;
  }
  // info.lines is the line where a record ends; a quoted cell may span several lines.
  return records.map(({ record, info }) => ({
    line: info.lines - record.reduce((sum, cell) => sum + newlines(cell), 0),
    cells: record,
  }));
}

const UNREADABLE_XLSX = '无法读取 Excel 文件：请确认是 .xlsx 格式且未加密';

/**
 * The first worksheet, row by row, through exceljs's streaming reader, so that a workbook is
 * never held in memory whole and reading stops at the row limit (`take` throws).
 */
async function readXlsx(
  bytes: Uint8Array,
  limits: SheetLimits,
  take: (row: SheetRow) => boolean,
): Promise<void> {
  const inflated = declaredInflatedSize(bytes);
  if (inflated === null) throw new SheetError(UNREADABLE_XLSX);
  if (inflated > limits.maxInflatedBytes) {
    throw new SheetError(
      `Excel 文件解压后超过 ${Math.round(limits.maxInflatedBytes / 1024 / 1024)} MB，请删去多余内容或分批导入`,
    );
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles tell which numbers are dates.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let sheets = 0;
  try {
    for await (const worksheet of reader) {
      sheets += 1;
      for await (const row of worksheet) {
        const cells: string[] = [];
        row.eachCell({ includeEmpty: true }, (cell, column) => {
          cells[column - 1] = cellText(cell.value);
        });
        take({ line: row.number, cells: Array.from(cells, (cell) => cell ?? '') });
      }
      break; // the first sheet only
    }
  } catch (error) {
    if (error instanceof SheetError) throw error;
    throw new SheetError(UNREADABLE_XLSX);
  }
  if (sheets === 0) throw new SheetError('Excel 文件中没有工作表');
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The text a person sees in a cell; dates as YYYY-MM-DD, formulas by their result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) {
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  // A hyperlink's text may itself be rich text, whatever the type definitions say.
  if ('hyperlink' in value) return cellText(value.text);
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result ?? null);
  return ''; // an error value (#N/A…) reads as empty
}
