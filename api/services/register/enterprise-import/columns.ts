// The columns of the enterprise register import file: Chinese headers as people write them in
// Excel, the English keys of the API as an alternative, and the template offered for download.

export type ColumnKey =
  | 'creditCode'
  | 'name'
  | 'address'
  | 'type'
  | 'productionLicenceNo'
  | 'productionLicenceScope'
  | 'cccCertificates'
  | 'categoryCodes'
  | 'products'
  | 'class'
  | 'contactName'
  | 'contactPhone'
  | 'contactEmail'
  | 'failedSpotCheckLastYear'
  | 'manyComplaints'
  | 'unit';

export interface ColumnDefinition {
  key: ColumnKey;
  /** The header of the template (Simplified Chinese). */
  header: string;
  /** Other headers accepted for the column (the English key is always accepted). */
  aliases: readonly string[];
  required: boolean;
  /** What to write in the cell (shown in the API description). */
  hint: string;
  example: string;
}

export const IMPORT_COLUMNS: readonly ColumnDefinition[] = [
  {
    key: 'creditCode',
    header: '统一社会信用代码',
    aliases: ['信用代码', '统一信用代码'],
    required: true,
    hint: '18 位，含校验位；已登记的企业按此代码更新',
    example: '91310115MA1K4B8X7J',
  },
  {
    key: 'name',
    header: '企业名称',
    aliases: ['名称'],
    required: true,
    hint: '必填',
    example: '上海示例燃气用具有限公司',
  },
  {
    key: 'address',
    header: '地址',
    aliases: ['企业地址', '生产经营地址', '住所'],
    required: true,
    hint: '必填',
    example: '上海市浦东新区示例路 1 号',
  },
  {
    key: 'type',
    header: '企业类型',
    aliases: ['enterpriseType'],
    required: true,
    hint: '生产、销售 或 生产和销售',
    example: '生产和销售',
  },
  {
    key: 'productionLicenceNo',
    header: '生产许可证编号',
    aliases: ['生产许可证号', '许可证编号'],
    required: false,
    hint: '可空',
    example: 'XK21-001-00001',
  },
  {
    key: 'productionLicenceScope',
    header: '许可范围',
    aliases: ['生产许可范围'],
    required: false,
    hint: '可空',
    example: '家用燃气灶具',
  },
  {
    key: 'cccCertificates',
    header: 'CCC证书',
    aliases: ['CCC证书编号', 'CCC认证证书'],
    required: false,
    hint: '证书编号，多个以“；”或“;”分隔',
    example: '2023010000000001；2023010000000002',
  },
  {
    key: 'categoryCodes',
    header: '产品类别',
    aliases: ['产品类别代码'],
    required: false,
    hint: '重点产品类别名称或代码（如 燃气用品 或 gas_appliances），多个以“；”或“;”分隔',
    example: '燃气用品',
  },
  {
    key: 'products',
    header: '产品',
    aliases: ['主要产品', '产品名称'],
    required: false,
    hint: '多个以“；”或“;”分隔',
    example: '家用燃气灶；燃气泄漏报警器',
  },
  {
    key: 'class',
    header: '企业分类',
    aliases: ['分类', '企业分级'],
    required: false,
    hint: 'AA、A、B、C 或留空',
    example: 'B',
  },
  {
    key: 'contactName',
    header: '联系人',
    aliases: ['联系人姓名', 'contact'],
    required: false,
    hint: '作为主要联系人；联系人各列均为空时不改动已有联系人',
    example: '张三',
  },
  {
    key: 'contactPhone',
    header: '联系电话',
    aliases: ['电话', 'phone'],
    required: false,
    hint: '可空',
    example: '021-12345678',
  },
  {
    key: 'contactEmail',
    header: '联系邮箱',
    aliases: ['邮箱', '电子邮箱', 'email'],
    required: false,
    hint: '可空',
    example: 'zhangsan@example.com',
  },
  {
    key: 'failedSpotCheckLastYear',
    header: '上年抽查不合格',
    aliases: ['上年度抽查不合格'],
    required: false,
    hint: '是 或 否（空为否）',
    example: '否',
  },
  {
    key: 'manyComplaints',
    header: '投诉集中',
    aliases: ['投诉举报集中'],
    required: false,
    hint: '是 或 否（空为否）',
    example: '否',
  },
  {
    key: 'unit',
    header: '实施单位',
    aliases: ['单位', '所属单位'],
    required: false,
    hint: '单位代码或简称（如 pudong 或 浦东新区）；市局管理员导入时必填，实施单位人员可省略此列（只能是本单位）',
    example: '浦东新区',
  },
];

export const COLUMN_BY_KEY = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c])) as Record<
  ColumnKey,
  ColumnDefinition
>;

/** Case, spaces, a required-mark "*" and a trailing note in brackets do not matter in a header. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .replace(/[（(][^）)]*[）)]\s*$/, '')
    .replace(/[\s*＊]/g, '')
    .toLowerCase();
}

const HEADER_LOOKUP = new Map<string, ColumnKey>(
  IMPORT_COLUMNS.flatMap((column) =>
    [column.header, column.key, ...column.aliases].map(
      (name) => [normaliseHeader(name), column.key] as const,
    ),
  ),
);

export function columnForHeader(header: string): ColumnKey | undefined {
  return HEADER_LOOKUP.get(normaliseHeader(header));
}

/** Separators of several values in one cell (full-width and ASCII semicolons, the 顿号). */
export function splitList(cell: string): string[] {
  return cell
    .split(/[;；、\n]/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

const csvCell = (value: string) =>
  /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/** The downloadable template: UTF-8 with a BOM (so that Excel reads it as UTF-8), CRLF lines. */
export function templateCsv(): string {
  const header = IMPORT_COLUMNS.map((c) => csvCell(c.header)).join(',');
  const example = IMPORT_COLUMNS.map((c) => csvCell(c.example)).join(',');
  return `\uFEFF${header}\r\n${example}\r\n`;
}

/** A Markdown table of the columns, for the API description. */
export function columnsMarkdown(): string {
  const rows = IMPORT_COLUMNS.map(
    (c) =>
      `| ${c.header} | \`${c.key}\` | ${c.required ? '是' : c.key === 'unit' ? '市局管理员必填' : '否'} | ${c.hint} |`,
  );
  return ['| 列名 | 英文列名 | 必填 | 填写说明 |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
