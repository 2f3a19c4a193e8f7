import ExcelJS from 'exceljs';
import {
  FIGURES,
  FIGURE_GROUP_SPANS,
  LEDGER_TITLE,
  TABLE_TITLE,
  TOTAL_ROW_NAME,
  type FigureValues,
  type StatisticsRow,
} from '../../../../domain/statistics/index.js';
import type { CaseLedger, StatisticsTable } from '../statistics.js';
import { toCsv } from './csv.js';
import { CSV_TYPE, XLSX_TYPE, safeFilename, type Download } from './download.js';

// The statistics table laid out like attachment 2 of the notice, and the typical case ledger
// like attachment 1. Statistics sheet (16 columns, A = 产品类别, B…P = the 15 figures):
//   row 1  A1:P1  title
//   row 2  A2:H2  填表单位：…      I2:P2  数据周期：…至…
//   row 3  A3:A4  产品类别 (over both header rows); group headings B3:D3 风险监测, E3:G3 监督抽查,
//          H3:K3 案件查办, L3 曝光, M3:O3 质量技术帮扶, P3 约谈
//   row 4  B4…P4  each figure with its unit, e.g. 罚没金额（万元）
//   row 5… one row per category, then 合计; money cells numFmt '0.00'.

const HEADER_ROWS = 4;
const COLUMNS = 1 + FIGURES.length;

export const columnLetter = (n: number): string => {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26))
    s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
};

const thin: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const center: Partial<ExcelJS.Alignment> = {
  horizontal: 'center',
  vertical: 'middle',
  wrapText: true,
};

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
const sheetName = (name: string) => name.replace(/[:\\/?*[\]]/g, '_').slice(0, 31);

const periodText = (table: { period: { from: string; to: string } }) =>
  `数据周期：${table.period.from}至${table.period.to}`;

function writeHeading(
  sheet: ExcelJS.Worksheet,
  title: string,
  unitName: string,
  period: string,
  columns: number,
) {
  const last = columnLetter(columns);
  const split = Math.ceil(columns / 2);
  sheet.mergeCells(`A1:${last}1`);
  const titleCell = sheet.getCell('A1');
  titleCell.value = title;
  titleCell.font = { bold: true, size: 16 };
  titleCell.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 30;
  sheet.mergeCells(`A2:${columnLetter(split)}2`);
  sheet.getCell('A2').value = `填表单位：${unitName}`;
  sheet.mergeCells(`${columnLetter(split + 1)}2:${last}2`);
  const periodCell = sheet.getCell(`${columnLetter(split + 1)}2`);
  periodCell.value = period;
  periodCell.alignment = { horizontal: 'right' };
}

function writeStatisticsSheet(
  sheet: ExcelJS.Worksheet,
  unitName: string,
  table: {
    period: { from: string; to: string };
    rows: StatisticsRow[];
    total: { values: FigureValues };
  },
) {
  writeHeading(sheet, TABLE_TITLE, unitName, periodText(table), COLUMNS);
  sheet.mergeCells(`A3:A${HEADER_ROWS}`);
  sheet.getCell('A3').value = '产品类别';
  let column = 2;
  for (const group of FIGURE_GROUP_SPANS) {
    const first = columnLetter(column);
    const last = columnLetter(column + group.span - 1);
    if (group.span > 1) sheet.mergeCells(`${first}3:${last}3`);
    sheet.getCell(`${first}3`).value = group.label;
    column += group.span;
  }
  FIGURES.forEach((f, i) => {
    sheet.getCell(HEADER_ROWS, i + 2).value = f.heading;
  });
  for (let r = 3; r <= HEADER_ROWS; r += 1) {
    const row = sheet.getRow(r);
    row.height = r === HEADER_ROWS ? 45 : 20;
    for (let c = 1; c <= COLUMNS; c += 1) {
      const cell = row.getCell(c);
      cell.font = { bold: true };
      cell.alignment = center;
      cell.border = thin;
    }
  }
  const dataRow = (name: string, values: FigureValues, bold = false) => {
    const row = sheet.addRow([
      name,
      ...FIGURES.map((f) => (f.kind === 'money' ? Number(values[f.key]) : values[f.key])),
    ]);
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      cell.border = thin;
      if (bold) cell.font = { bold: true };
      if (c > 1) cell.alignment = { horizontal: 'right' };
      if (c > 1 && FIGURES[c - 2]!.kind === 'money') cell.numFmt = '0.00';
    });
  };
  for (const r of table.rows) dataRow(r.name, r.values);
  dataRow(TOTAL_ROW_NAME, table.total.values, true);
  sheet.getColumn(1).width = 26;
  for (let c = 2; c <= COLUMNS; c += 1) sheet.getColumn(c).width = 12;
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: HEADER_ROWS }];
  sheet.pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
}

async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const newWorkbook = () => {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '重点工业产品质量安全隐患排查治理专项行动管理系统';
  return workbook;
};

const tableFilename = (table: StatisticsTable, ext: string) =>
  safeFilename(`统计表_${table.unit.name}_${table.period.from}至${table.period.to}.${ext}`);

/** The statistics table as XLSX: the unit's (or the roll-up's) sheet, and for the roll-up one sheet per unit. */
export async function statisticsXlsx(table: StatisticsTable): Promise<Download> {
  const workbook = newWorkbook();
  writeStatisticsSheet(
    workbook.addWorksheet(sheetName(table.unit.shortName)),
    table.unit.name,
    table,
  );
  for (const part of table.byUnit ?? []) {
    writeStatisticsSheet(workbook.addWorksheet(sheetName(part.unit.shortName)), part.unit.name, {
      period: table.period,
      rows: part.rows,
      total: part.total,
    });
  }
  return {
    body: await workbookBytes(workbook),
    contentType: XLSX_TYPE,
    filename: tableFilename(table, 'xlsx'),
  };
}

/**
 * The statistics table as CSV: a header line `产品类别,风险监测/采集风险信息（条）,…`, one line per
 * category and a 合计 line; the roll-up adds a leading 单位 column with the city's lines first and
 * then each unit's.
 */
export function statisticsCsv(table: StatisticsTable): Download {
  const rollUp = table.byUnit !== undefined;
  const header = ['产品类别', ...FIGURES.map((f) => `${f.groupLabel}/${f.heading}`)];
  const block = (rows: StatisticsRow[], total: { values: FigureValues }) => [
    ...rows.map((r) => [r.name, ...FIGURES.map((f) => r.values[f.key])]),
    [TOTAL_ROW_NAME, ...FIGURES.map((f) => total.values[f.key])],
  ];
  const lines: (string | number)[][] = rollUp
    ? [
        ['单位', ...header],
        ...block(table.rows, table.total).map((l) => [table.unit.name, ...l]),
        ...(table.byUnit ?? []).flatMap((part) =>
          block(part.rows, part.total).map((l) => [part.unit.name, ...l]),
        ),
      ]
    : [header, ...block(table.rows, table.total)];
  return { body: toCsv(lines), contentType: CSV_TYPE, filename: tableFilename(table, 'csv') };
}

// --- Typical case ledger (attachment 1) ------------------------------------------------------

const yesNo = (value: boolean) => (value ? '是' : '否');
/** 'YYYY-MM-DD' of an ISO instant written with +08:00. */
const dateOf = (iso: string) => iso.slice(0, 10);

function ledgerColumns(ledger: CaseLedger) {
  const rollUp = ledger.unit.id === null;
  return [
    { header: '序号', width: 6, value: (_: CaseLedger['items'][number], i: number) => i + 1 },
    ...(rollUp
      ? [{ header: '单位', width: 22, value: (e: CaseLedger['items'][number]) => e.unit.name }]
      : []),
    {
      header: '报送时间',
      width: 12,
      value: (e: CaseLedger['items'][number]) => dateOf(e.reportedAt),
    },
    { header: '立案时间', width: 12, value: (e: CaseLedger['items'][number]) => dateOf(e.filedAt) },
    { header: '案例内容', width: 60, value: (e: CaseLedger['items'][number]) => e.content },
    {
      header: '典型案例办理进度',
      width: 30,
      value: (e: CaseLedger['items'][number]) => e.progress,
    },
    {
      header: '是否依法曝光',
      width: 10,
      value: (e: CaseLedger['items'][number]) => yesNo(e.exposed),
    },
    {
      header: '是否纳入国家企业信用信息公示系统',
      width: 16,
      value: (e: CaseLedger['items'][number]) => yesNo(e.creditPublicity),
    },
  ] as {
    header: string;
    width: number;
    value: (e: CaseLedger['items'][number], i: number) => string | number;
  }[];
}

const ledgerFilename = (ledger: CaseLedger, ext: string) =>
  safeFilename(`典型案例_${ledger.unit.name}_${ledger.period.from}至${ledger.period.to}.${ext}`);

/** The ledger as XLSX: title (row 1), unit and period (row 2), header (row 3), one row per case. */
export async function ledgerXlsx(ledger: CaseLedger): Promise<Download> {
  const workbook = newWorkbook();
  const sheet = workbook.addWorksheet(sheetName(ledger.unit.shortName));
  const columns = ledgerColumns(ledger);
  writeHeading(sheet, LEDGER_TITLE, ledger.unit.name, periodText(ledger), columns.length);
  const header = sheet.getRow(3);
  columns.forEach((col, i) => {
    const cell = header.getCell(i + 1);
    cell.value = col.header;
    cell.font = { bold: true };
    cell.alignment = center;
    cell.border = thin;
    sheet.getColumn(i + 1).width = col.width;
  });
  ledger.items.forEach((entry, index) => {
    const row = sheet.addRow(columns.map((col) => col.value(entry, index)));
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = thin;
      cell.alignment = { vertical: 'top', wrapText: true };
    });
  });
  sheet.views = [{ state: 'frozen', ySplit: 3 }];
  return {
    body: await workbookBytes(workbook),
    contentType: XLSX_TYPE,
    filename: ledgerFilename(ledger, 'xlsx'),
  };
}

export function ledgerCsv(ledger: CaseLedger): Download {
  const columns = ledgerColumns(ledger);
  const lines = [
    columns.map((c) => c.header),
    ...ledger.items.map((entry, index) => columns.map((col) => col.value(entry, index))),
  ];
  return { body: toCsv(lines), contentType: CSV_TYPE, filename: ledgerFilename(ledger, 'csv') };
}
