// Import of the enterprise register (摸清底数) from a CSV or XLSX file: every row is checked with
// the same rules as registering one enterprise; a dry run only reports, a real run writes all rows
// in one transaction or nothing at all.

import type { z } from '@hono/zod-openapi';
import { DomainError } from '../../../../domain/errors.js';
import { SHANGHAI_2023_PRODUCT_CATEGORIES } from '../../../../domain/products.js';
import type { Prisma } from '../../../../prisma/generated/client.js';
import { writeAudits } from '../../../lib/audit.js';
import { isUniqueViolation } from '../../../lib/db-errors.js';
import type { AppDeps, AuthUser } from '../../../lib/context.js';
import { staleVersionError } from '../../../lib/errors.js';
import { unitForWrite } from '../../../lib/scope.js';
import { CreateEnterpriseSchema } from '../../../contracts/enterprises.js';
import {
  COLUMN_BY_KEY,
  IMPORT_COLUMNS,
  columnForHeader,
  splitList,
  type ColumnKey,
} from './columns.js';
import { detectKind, readSheet, type Sheet, type SheetRow } from './parse.js';

/** Largest file accepted (the whole request may carry a little more: the multipart envelope). */
export const MAX_IMPORT_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 10_000;
/** How far a workbook may inflate, and what the reader in its worker thread may use. */
const READ_LIMITS = {
  maxRows: MAX_IMPORT_ROWS,
  maxInflatedBytes: 64 * 1024 * 1024,
  maxHeapMb: 256,
  timeoutMs: 30_000,
};

export interface UploadedFile {
  name: string;
  type: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface ImportError {
  line: number;
  column?: string;
  message: string;
}

/** What the import does (a dry run: would do) with one valid row. */
export interface ImportRowOutcome {
  line: number;
  creditCode: string;
  name: string;
  action: 'create' | 'update' | 'unchanged';
}

export interface ImportReport {
  dryRun: boolean;
  total: number;
  valid: number;
  invalid: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportError[];
  rows: ImportRowOutcome[];
}

type EnterpriseInput = z.output<typeof CreateEnterpriseSchema>;
type Db = AppDeps['db']['prisma'];

const detail = {
  unit: true,
  contacts: { orderBy: [{ isPrimary: 'desc' }, { name: 'asc' }] },
} satisfies Prisma.EnterpriseInclude;
type ExistingEnterprise = Prisma.EnterpriseGetPayload<{ include: typeof detail }>;

interface Candidate {
  line: number;
  input: EnterpriseInput;
  /** The unit the row belongs to; null when it cannot be told (the file then has an error). */
  unitId: string | null;
}

interface Contact {
  name: string;
  phone: string | null;
  email: string | null;
}

interface PlannedUpdate {
  before: ExistingEnterprise;
  data: Prisma.EnterpriseUpdateManyMutationInput;
  contact: Contact | null;
}

interface Plan {
  creates: Candidate[];
  updates: PlannedUpdate[];
  unchanged: number;
  outcomes: ImportRowOutcome[];
}

interface Context {
  sheet: Sheet;
  index: Map<ColumnKey, number>;
  /** The header as the file writes it, to point people at the column they know. */
  headerText: Map<ColumnKey, string>;
  units: { id: string; code: string; name: string; shortName: string }[];
  categories: Map<string, string>;
  /** The officer's own unit; null for the city admin, who names a unit on every row. */
  officerUnitId: string | null;
}

const REQUIRED_COLUMNS = IMPORT_COLUMNS.filter((c) => c.required).map((c) => c.key);

export async function importEnterprises(
  deps: AppDeps,
  user: AuthUser,
  input: { file: UploadedFile; dryRun: boolean },
): Promise<ImportReport> {
  const { file, dryRun } = input;
  const { prisma } = deps.db;
  if (user.role !== 'unit_officer' && user.role !== 'city_admin') {
    throw new DomainError('FORBIDDEN', '只有实施单位工作人员或市局管理员可以导入企业名录');
  }
  const officerUnitId =
    user.role === 'unit_officer' ? await unitForWrite(prisma, user, undefined) : null;
  if (file.size > MAX_IMPORT_FILE_BYTES) {
    throw new DomainError('PAYLOAD_TOO_LARGE', '文件超过 5 MB 上限，请分批导入');
  }
  const kind = detectKind(file.name, file.type);
  const sheet = await readSheet(kind, new Uint8Array(await file.arrayBuffer()), READ_LIMITS);
  if (sheet.rows.length === 0) throw fieldError('文件中没有企业数据行（第一行为表头）');

  const [units, categoryRows] = await Promise.all([
    prisma.unit.findMany({ select: { id: true, code: true, name: true, shortName: true } }),
    prisma.productCategory.findMany({ select: { code: true, name: true } }),
  ]);
  const errors: ImportError[] = [];
  const { context, fatal } = readHeader(sheet, errors, {
    units,
    categories: categoryLookup(categoryRows),
    officerUnitId,
  });

  const report = (plan: Plan | null, invalidLines: Set<number>): ImportReport => {
    const invalid = fatal ? sheet.rows.length : invalidLines.size;
    const written = errors.length === 0 || dryRun;
    return {
      dryRun,
      total: sheet.rows.length,
      valid: sheet.rows.length - invalid,
      invalid,
      created: plan && written ? plan.creates.length : 0,
      updated: plan && written ? plan.updates.length : 0,
      unchanged: plan && written ? plan.unchanged : 0,
      errors: errors.sort((a, b) => a.line - b.line),
      rows: plan && written ? plan.outcomes : [],
    };
  };
  if (fatal) return report(null, new Set());

  const candidates: Candidate[] = [];
  const firstLineOf = new Map<string, number>();
  for (const row of sheet.rows) {
    const rowErrors: ImportError[] = [];
    const candidate = readRow(row, context, rowErrors);
    const code = candidate?.input.creditCode ?? normalisedCode(row, context);
    if (code) {
      const first = firstLineOf.get(code);
      if (first === undefined) firstLineOf.set(code, row.line);
      else {
        rowErrors.push({
          line: row.line,
          column: columnName(context, 'creditCode'),
          message: `统一社会信用代码与第 ${first} 行重复`,
        });
      }
    }
    if (rowErrors.length > 0) errors.push(...rowErrors);
    else if (candidate) candidates.push(candidate);
  }

  const existing = await prisma.enterprise.findMany({
    where: { creditCode: { in: candidates.map((c) => c.input.creditCode) } },
    include: detail,
  });
  const plan = planChanges(candidates, existing, context, errors);
  const invalidLines = new Set(
    errors.filter((e) => e.line !== sheet.headerLine).map((e) => e.line),
  );
  if (errors.length > 0 || dryRun) return report(plan, invalidLines);

  await write(prisma, user, plan);
  return report(plan, invalidLines);
}

const fieldError = (message: string) =>
  new DomainError('VALIDATION_FAILED', '请求参数校验失败', [{ path: 'file', message }]);

function categoryLookup(rows: readonly { code: string; name: string }[]): Map<string, string> {
  const lookup = new Map<string, string>();
  for (const { code, name } of [...SHANGHAI_2023_PRODUCT_CATEGORIES, ...rows]) {
    if (!lookup.has(code.toLowerCase())) lookup.set(code.toLowerCase(), code);
    if (!lookup.has(name)) lookup.set(name, code);
  }
  return lookup;
}

function readHeader(
  sheet: Sheet,
  errors: ImportError[],
  base: Omit<Context, 'sheet' | 'index' | 'headerText'>,
): { context: Context; fatal: boolean } {
  const index = new Map<ColumnKey, number>();
  const headerText = new Map<ColumnKey, string>();
  const line = sheet.headerLine;
  sheet.headers.forEach((header, position) => {
    if (header === '') return;
    const key = columnForHeader(header);
    if (!key) {
      errors.push({
        line,
        column: header,
        message: `无法识别的列名“${header}”，请使用模板中的列名`,
      });
    } else if (index.has(key)) {
      errors.push({ line, column: header, message: `与“${headerText.get(key)}”是同一列，重复` });
    } else {
      index.set(key, position);
      headerText.set(key, header);
    }
  });
  let fatal = false;
  for (const key of REQUIRED_COLUMNS) {
    if (!index.has(key)) {
      fatal = true;
      errors.push({
        line,
        column: COLUMN_BY_KEY[key].header,
        message: `缺少必填列“${COLUMN_BY_KEY[key].header}”`,
      });
    }
  }
  if (base.officerUnitId === null && !index.has('unit')) {
    errors.push({
      line,
      column: COLUMN_BY_KEY.unit.header,
      message: '市局管理员导入时须有“实施单位”列（单位代码或简称），指明每家企业所属的实施单位',
    });
  }
  return { context: { ...base, sheet, index, headerText }, fatal };
}

const columnName = (context: Context, key: ColumnKey) =>
  context.headerText.get(key) ?? COLUMN_BY_KEY[key].header;

function cellOf(row: SheetRow, context: Context, key: ColumnKey): string | undefined {
  const position = context.index.get(key);
  return position === undefined ? undefined : (row.cells[position] ?? '').trim();
}

function normalisedCode(row: SheetRow, context: Context): string | undefined {
  const code = cellOf(row, context, 'creditCode');
  return code ? code.toUpperCase() : undefined;
}

const TYPES: Record<string, { isProducer: boolean; isSeller: boolean }> = {
  生产: { isProducer: true, isSeller: false },
  生产企业: { isProducer: true, isSeller: false },
  producer: { isProducer: true, isSeller: false },
  销售: { isProducer: false, isSeller: true },
  销售企业: { isProducer: false, isSeller: true },
  seller: { isProducer: false, isSeller: true },
  生产和销售: { isProducer: true, isSeller: true },
  生产及销售: { isProducer: true, isSeller: true },
  '生产、销售': { isProducer: true, isSeller: true },
  产销: { isProducer: true, isSeller: true },
  both: { isProducer: true, isSeller: true },
};

const YES = new Set(['是', 'y', 'yes', 'true', '1']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '']);

/** Which column a field of CreateEnterpriseSchema comes from. */
function columnOfPath(path: readonly PropertyKey[]): ColumnKey | undefined {
  const [field, , contactField] = path;
  switch (field) {
    case 'isProducer':
    case 'isSeller':
      return 'type';
    case 'contacts':
      return contactField === 'phone'
        ? 'contactPhone'
        : contactField === 'email'
          ? 'contactEmail'
          : 'contactName';
    case 'creditCode':
    case 'name':
    case 'address':
    case 'productionLicenceNo':
    case 'productionLicenceScope':
    case 'cccCertificates':
    case 'categoryCodes':
    case 'products':
    case 'class':
    case 'failedSpotCheckLastYear':
    case 'manyComplaints':
      return field;
    default:
      return undefined;
  }
}

/** A row mapped into the register's own schema; null with errors when it does not pass. */
function readRow(row: SheetRow, context: Context, errors: ImportError[]): Candidate | null {
  const failed = new Set<ColumnKey>();
  const fail = (key: ColumnKey, message: string) => {
    failed.add(key);
    errors.push({ line: row.line, column: columnName(context, key), message });
  };
  const cell = (key: ColumnKey) => cellOf(row, context, key);
  const has = (key: ColumnKey) => context.index.has(key);

  const width = context.sheet.headers.length;
  if (row.cells.slice(width).some((c) => c.trim() !== '')) {
    errors.push({ line: row.line, message: '该行的数据列多于表头，请检查是否有多余的逗号' });
  }

  const raw: Record<string, unknown> = {
    creditCode: cell('creditCode'),
    name: cell('name'),
    address: cell('address'),
  };
  if (raw.creditCode === '') fail('creditCode', '统一社会信用代码不能为空');

  const type = TYPES[(cell('type') ?? '').toLowerCase()];
  if (type) Object.assign(raw, type);
  else fail('type', '企业类型应为“生产”“销售”或“生产和销售”');

  for (const key of ['productionLicenceNo', 'productionLicenceScope'] as const) {
    if (has(key)) raw[key] = cell(key) || null;
  }
  for (const key of ['cccCertificates', 'products'] as const) {
    if (has(key)) raw[key] = splitList(cell(key) ?? '');
  }
  if (has('categoryCodes')) {
    const codes: string[] = [];
    for (const value of splitList(cell('categoryCodes') ?? '')) {
      const code = context.categories.get(value) ?? context.categories.get(value.toLowerCase());
      if (!code) fail('categoryCodes', `未知的产品类别“${value}”，应为重点产品类别的名称或代码`);
      else if (!codes.includes(code)) codes.push(code);
    }
    raw.categoryCodes = codes;
  }
  if (has('class')) raw.class = cell('class')?.toUpperCase() || null;
  for (const key of ['failedSpotCheckLastYear', 'manyComplaints'] as const) {
    const value = cell(key)?.toLowerCase();
    if (value === undefined) continue;
    if (YES.has(value)) raw[key] = true;
    else if (NO.has(value)) raw[key] = false;
    else fail(key, `${COLUMN_BY_KEY[key].header}应填“是”或“否”`);
  }
  const [contactName, phone, email] = [
    cell('contactName') ?? '',
    cell('contactPhone') ?? '',
    cell('contactEmail') ?? '',
  ];
  raw.contacts =
    contactName || phone || email
      ? [
          {
            name: contactName,
            ...(phone ? { phone } : {}),
            ...(email ? { email } : {}),
            isPrimary: true,
          },
        ]
      : [];

  const parsed = CreateEnterpriseSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = columnOfPath(issue.path);
      if (key && failed.has(key)) continue;
      if (key) fail(key, issue.message);
      else errors.push({ line: row.line, message: issue.message });
    }
  }

  const unitId = resolveUnit(cell('unit'), context, fail);
  if (!parsed.success || errors.some((e) => e.line === row.line)) return null;
  return { line: row.line, input: parsed.data, unitId };
}

function resolveUnit(
  value: string | undefined,
  context: Context,
  fail: (key: ColumnKey, message: string) => void,
): string | null {
  if (!value) {
    if (context.officerUnitId) return context.officerUnitId;
    if (context.index.has('unit')) fail('unit', '请填写实施单位（单位代码或简称）');
    return null;
  }
  const lower = value.toLowerCase();
  const unit = context.units.find(
    (u) =>
      u.code === lower || u.name === value || u.shortName === value || `${u.shortName}区` === value,
  );
  if (!unit) {
    fail('unit', `未知的实施单位“${value}”，应为单位代码或简称（如 pudong 或 浦东新区）`);
    return null;
  }
  if (context.officerUnitId && unit.id !== context.officerUnitId) {
    fail('unit', '实施单位工作人员只能导入本单位的企业');
    return null;
  }
  return unit.id;
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((value, i) => value === b[i]);

/** What importing each row would do, and the errors only the database can tell. */
function planChanges(
  candidates: Candidate[],
  existing: ExistingEnterprise[],
  context: Context,
  errors: ImportError[],
): Plan {
  const byCode = new Map(existing.map((e) => [e.creditCode, e]));
  const plan: Plan = { creates: [], updates: [], unchanged: 0, outcomes: [] };
  const outcome = (candidate: Candidate, action: ImportRowOutcome['action']) =>
    plan.outcomes.push({
      line: candidate.line,
      creditCode: candidate.input.creditCode,
      name: candidate.input.name,
      action,
    });
  for (const candidate of candidates) {
    const before = byCode.get(candidate.input.creditCode);
    if (!before) {
      if (candidate.unitId) {
        plan.creates.push(candidate);
        outcome(candidate, 'create');
      }
      continue;
    }
    if (candidate.unitId && before.unitId !== candidate.unitId) {
      errors.push({
        line: candidate.line,
        column: columnName(context, 'creditCode'),
        message: context.officerUnitId
          ? '该统一社会信用代码的企业已由其他实施单位登记，不能导入本单位'
          : `该企业已登记在${before.unit.name}，导入不能变更企业所属单位`,
      });
      continue;
    }
    const { data, contact } = changesOf(before, candidate, context);
    if (Object.keys(data).length > 0 || contact) {
      plan.updates.push({ before, data, contact });
      outcome(candidate, 'update');
    } else {
      plan.unchanged += 1;
      outcome(candidate, 'unchanged');
    }
  }
  return plan;
}

/** The differences for the columns the file has; columns it lacks keep their stored values. */
function changesOf(before: ExistingEnterprise, candidate: Candidate, context: Context) {
  const { input } = candidate;
  const has = (key: ColumnKey) => context.index.has(key);
  const data: Prisma.EnterpriseUpdateManyMutationInput = {};
  if (input.name !== before.name) data.name = input.name;
  if (input.address !== before.address) data.address = input.address;
  if (input.isProducer !== before.isProducer) data.isProducer = input.isProducer;
  if (input.isSeller !== before.isSeller) data.isSeller = input.isSeller;
  const nullable = ['productionLicenceNo', 'productionLicenceScope', 'class'] as const;
  for (const key of nullable) {
    if (has(key) && (input[key] ?? null) !== before[key])
      Object.assign(data, { [key]: input[key] ?? null });
  }
  for (const key of ['cccCertificates', 'categoryCodes', 'products'] as const) {
    if (has(key) && !sameList(input[key], before[key])) data[key] = input[key];
  }
  for (const key of ['failedSpotCheckLastYear', 'manyComplaints'] as const) {
    if (has(key) && input[key] !== before[key]) data[key] = input[key];
  }
  let contact: Contact | null = null;
  const given = input.contacts[0];
  if (given) {
    const wanted = { name: given.name, phone: given.phone ?? null, email: given.email ?? null };
    const primary = before.contacts.find((c) => c.isPrimary);
    const same =
      primary &&
      primary.name === wanted.name &&
      primary.phone === wanted.phone &&
      primary.email === wanted.email;
    if (!same) contact = wanted;
  }
  return { data, contact };
}

const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

/**
 * All rows in one transaction, with one audit entry per created or updated enterprise. Rows and
 * audit entries are inserted in batches: one statement per row would take many seconds for a
 * district's whole register.
 */
async function write(prisma: Db, user: AuthUser, plan: Plan): Promise<void> {
  try {
    await prisma.$transaction(
      async (tx) => {
        const created: { id: string; creditCode: string }[] = [];
        for (const batch of chunks(plan.creates)) {
          created.push(
            ...(await tx.enterprise.createManyAndReturn({
              data: batch.map(({ input, unitId }) => ({
                creditCode: input.creditCode,
                unitId: unitId!,
                name: input.name,
                isProducer: input.isProducer,
                isSeller: input.isSeller,
                address: input.address,
                productionLicenceNo: input.productionLicenceNo ?? null,
                productionLicenceScope: input.productionLicenceScope ?? null,
                cccCertificates: input.cccCertificates,
                categoryCodes: input.categoryCodes,
                products: input.products,
                class: input.class ?? null,
                failedSpotCheckLastYear: input.failedSpotCheckLastYear,
                manyComplaints: input.manyComplaints,
              })),
              select: { id: true, creditCode: true },
            })),
          );
        }
        const idOf = new Map(created.map((row) => [row.creditCode, row.id]));
        const contacts = plan.creates.flatMap(({ input }) =>
          input.contacts.map((contact) => ({
            ...contact,
            enterpriseId: idOf.get(input.creditCode)!,
          })),
        );
        for (const batch of chunks(contacts)) {
          await tx.enterpriseContact.createMany({ data: batch });
        }

        for (const { before, data, contact } of plan.updates) {
          const { count } = await tx.enterprise.updateMany({
            where: { id: before.id, version: before.version },
            data: { ...data, version: { increment: 1 } },
          });
          if (count === 0) throw staleVersionError();
          if (contact) {
            await tx.enterpriseContact.deleteMany({
              where: { enterpriseId: before.id, OR: [{ isPrimary: true }, { name: contact.name }] },
            });
            await tx.enterpriseContact.create({
              data: { ...contact, isPrimary: true, enterpriseId: before.id },
            });
          }
        }

        const beforeById = new Map(plan.updates.map((u) => [u.before.id, u.before]));
        const ids = [...created.map((row) => row.id), ...beforeById.keys()];
        for (const batch of chunks(ids)) {
          const after = await tx.enterprise.findMany({
            where: { id: { in: batch } },
            include: detail,
          });
          await writeAudits(
            tx,
            user,
            after.map((row) => ({
              action: 'import',
              entity: 'enterprise',
              entityId: row.id,
              unitId: row.unitId,
              before: beforeById.get(row.id),
              after: row,
            })),
          );
        }
      },
      { maxWait: 10_000, timeout: 120_000 },
    );
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError('CONFLICT', '导入期间有企业被他人登记，未导入任何数据，请重新导入');
    }
    throw error;
  }
}
