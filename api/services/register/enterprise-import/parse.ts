// Reading an uploaded register file (CSV in UTF-8, or the first sheet of an XLSX workbook) into
// rows of text cells, each with the line number a person sees in Excel or a text editor.

import { CsvError, parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { fieldError } from '../../../lib/errors.js';

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

export async function readSheet(kind: FileKind, bytes: Uint8Array): Promise<Sheet> {
  const table = kind === 'csv' ? readCsv(bytes) : await readXlsx(bytes);
  const first = table.findIndex((row) => !isBlank(row.cells));
  if (first < 0) throw fieldError('file', '文件为空：第一行应为表头（列名）');
  const header = table[first]!;
  return {
    headerLine: header.line,
    headers: header.cells.map((h) => h.trim()),
    rows: table.slice(first + 1).filter((row) => !isBlank(row.cells)),
  };
}

const isBlank = (cells: readonly string[]) => cells.every((cell) => cell.trim() === '');

const newlines = (text: string) => text.match(/\r\n|\r|\n/g)?.length ?? 0;

function readCsv(bytes: Uint8Array): SheetRow[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw fieldError(
      'file',
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
      throw fieldError(
        'file',
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

async function readXlsx(bytes: Uint8Array): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type; a Node Buffer is what it reads at run time.
    const data = Buffer.from(bytes) as unknown as Parameters<typeof workbook.xlsx.load>[0];
    await workbook.xlsx.load(data);
  } catch {
    throw fieldError('file', '无法读取 Excel 文件：请确认是 .xlsx 格式且未加密');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw fieldError('file', 'Excel 文件中没有工作表');
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    rows.push({ line: row.number, cells: Array.from(cells, (cell) => cell ?? '') });
  });
  return rows;
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
