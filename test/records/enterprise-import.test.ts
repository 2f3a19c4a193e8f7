import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../support/databases.js';
import { createEnterprise, createUser, unitId, validCreditCode } from '../support/fixtures.js';
import { startTestStack, type Caller, type TestStack } from '../support/stack.js';

const fixture = (name: string) =>
  readFile(path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures', name));

const HEADER =
  '统一社会信用代码,企业名称,地址,企业类型,生产许可证编号,许可范围,CCC证书,产品类别,产品,企业分类,联系人,联系电话,联系邮箱,上年抽查不合格,投诉集中';
const BOM = '\uFEFF';

/** One register row in the column order of HEADER. */
function row(
  creditCode: string,
  overrides: Partial<Record<'name' | 'address' | 'type' | 'category' | 'unit', string>> = {},
) {
  return [
    creditCode,
    overrides.name ?? `上海导入测试企业${creditCode.slice(-6)}有限公司`,
    overrides.address ?? '上海市浦东新区导入路 1 号',
    overrides.type ?? '生产',
    '',
    '',
    '',
    overrides.category ?? '燃气用品',
    '家用燃气灶',
    '',
    '',
    '',
    '',
    '否',
    '否',
  ].join(',');
}

describe.each(DATABASE_KINDS)('enterprise register import on %s', (database) => {
  let stack: TestStack;
  let pudong: string;
  let huangpu: string;
  let huangpuOfficer: { token: string };

  beforeAll(async () => {
    stack = await startTestStack({ database, worker: false });
    pudong = await unitId(stack, 'pudong');
    huangpu = await unitId(stack, 'huangpu');
    huangpuOfficer = await createUser(stack, { role: 'unit_officer', unitCode: 'huangpu' });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const prisma = () => stack.api.db.prisma;
  const count = () => prisma().enterprise.count();
  const importAudits = () => prisma().auditLog.count({ where: { action: 'import' } });
  const stored = (creditCode: string) =>
    prisma().enterprise.findUniqueOrThrow({
      where: { creditCode },
      include: { contacts: { orderBy: { name: 'asc' } } },
    });

  const tokenOf = (as: Caller) =>
    as === null
      ? undefined
      : typeof as === 'object'
        ? as.token
        : as === 'service'
          ? stack.serviceToken
          : stack.tokens[as];

  /** Uploads a file as multipart/form-data, the way a browser does. */
  async function upload(
    as: Caller,
    fileName: string,
    content: string | Uint8Array,
    { dryRun, type = '' }: { dryRun?: boolean | string; type?: string } = {},
  ) {
    const form = new FormData();
    const bytes = typeof content === 'string' ? content : new Uint8Array(content);
    form.append('file', new Blob([bytes], { type }), fileName);
    const query = dryRun === undefined ? '' : `?dryRun=${String(dryRun)}`;
    const token = tokenOf(as);
    const response = await fetch(`${stack.api.url}/api/enterprises/import${query}`, {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      body: form,
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  const csv = (...lines: string[]) => `${BOM}${lines.join('\r\n')}\r\n`;

  it('offers a CSV template with a BOM that imports as it is', async () => {
    const token = tokenOf('unitOfficer')!;
    const response = await fetch(`${stack.api.url}/api/enterprises/import/template.csv`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(`${HEADER},实施单位`);

    const before = await count();
    const dryRun = await upload('unitOfficer', '企业名录导入模板.csv', bytes, { dryRun: true });
    expect(dryRun.status).toBe(200);
    expect(dryRun.body).toEqual({
      dryRun: true,
      total: 1,
      valid: 1,
      invalid: 0,
      created: 1,
      updated: 0,
      unchanged: 0,
      errors: [],
      rows: [
        {
          line: 2,
          creditCode: '91310115MA1K4B8X7J',
          name: '上海示例燃气用具有限公司',
          action: 'create',
        },
      ],
    });
    expect(await count()).toBe(before);

    const anonymous = await fetch(`${stack.api.url}/api/enterprises/import/template.csv`);
    expect(anonymous.status).toBe(401);
  });

  it('reports every bad row of a file with its line in a dry run, and writes nothing', async () => {
    const file = await fixture('enterprise-import-mixed.csv');
    const before = await count();
    const auditsBefore = await importAudits();
    const expectedErrors = [
      { line: 3, column: '统一社会信用代码', message: expect.stringContaining('校验位不正确') },
      { line: 4, column: '企业名称', message: '企业名称不能为空' },
      { line: 5, column: '产品类别', message: expect.stringContaining('“玩具”') },
      { line: 8, column: '统一社会信用代码', message: '统一社会信用代码与第 2 行重复' },
      { line: 11, column: '企业类型', message: expect.stringContaining('生产和销售') },
      { line: 11, column: '联系邮箱', message: '邮箱格式不正确' },
    ];

    const dryRun = await upload('unitOfficer', 'mixed.csv', file, { dryRun: true });
    expect(dryRun.status).toBe(200);
    expect(dryRun.body).toEqual({
      dryRun: true,
      total: 8,
      valid: 3,
      invalid: 5,
      created: 3,
      updated: 0,
      unchanged: 0,
      errors: expectedErrors,
      rows: [
        {
          line: 2,
          creditCode: '91310115MA1FL0002R',
          name: '上海浦江燃气具有限公司',
          action: 'create',
        },
        {
          line: 6,
          creditCode: '91310115MA1FL00066',
          name: '上海申城线缆销售有限公司',
          action: 'create',
        },
        {
          line: 9,
          creditCode: '91310115MA1FL00079',
          name: '上海安达消防器材商店',
          action: 'create',
        },
      ],
    });
    expect(await count()).toBe(before);

    // A real run of the same file: all or nothing, the same report with a 400.
    const real = await upload('unitOfficer', 'mixed.csv', file, { dryRun: false });
    expect(real.status).toBe(400);
    expect(real.body.error.code).toBe('VALIDATION_FAILED');
    expect(real.body.error.issues[0]).toEqual({
      path: '第3行.统一社会信用代码',
      message: expect.stringContaining('校验位'),
    });
    expect(real.body).toMatchObject({ dryRun: false, total: 8, valid: 3, invalid: 5, created: 0 });
    expect(real.body.errors).toEqual(expectedErrors);
    expect(await count()).toBe(before);
    expect(await importAudits()).toBe(auditsBefore);
  });

  it('imports the fixed file, finds it unchanged the second time, and updates changed rows', async () => {
    const file = await fixture('enterprise-import-fixed.csv');
    const before = await count();
    const auditsBefore = await importAudits();

    const first = await upload('unitOfficer', 'fixed.csv', file);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      dryRun: false,
      total: 8,
      valid: 8,
      invalid: 0,
      created: 8,
      updated: 0,
      unchanged: 0,
      errors: [],
      rows: [
        [2, '91310115MA1FL0002R', '上海浦江燃气具有限公司'],
        [3, '91310115MA1FL0003W', '上海校验位正确电器有限公司'],
        [4, '91310115MA1FL00040', '上海补全名称商贸有限公司'],
        [5, '91310115MA1FL00053', '上海童趣玩具有限公司'],
        [6, '91310115MA1FL00066', '上海申城线缆销售有限公司'],
        [8, '91310115MA1FL0009F', '上海不再重复有限公司'],
        [9, '91310115MA1FL00079', '上海安达消防器材商店'],
        [10, '91310115MA1FL0008C', '上海批发电器有限公司'],
      ].map(([line, creditCode, name]) => ({ line, creditCode, name, action: 'create' })),
    });
    expect(await count()).toBe(before + 8);

    const gas = await stored('91310115MA1FL0002R');
    expect(gas).toMatchObject({
      name: '上海浦江燃气具有限公司',
      unitId: pudong,
      isProducer: true,
      isSeller: true,
      productionLicenceNo: 'XK21-001-00002',
      productionLicenceScope: '家用燃气灶具',
      cccCertificates: [],
      categoryCodes: ['gas_appliances'],
      products: ['家用燃气灶', '燃气泄漏报警器'],
      class: 'B',
      failedSpotCheckLastYear: false,
      manyComplaints: false,
      version: 1,
    });
    expect(gas.contacts).toMatchObject([
      { name: '张三', phone: '021-12345678', email: 'zhangsan@example.com', isPrimary: true },
    ]);
    const cables = await stored('91310115MA1FL00066');
    expect(cables).toMatchObject({
      address: '上海市浦东新区\n示例路 6 号',
      isProducer: false,
      isSeller: true,
      categoryCodes: ['wires_cables', 'ebikes'],
      products: ['电线', '电动自行车'],
      productionLicenceNo: null,
      class: 'C',
    });
    expect(cables.contacts).toMatchObject([{ name: '李四', phone: '13800000006', email: null }]);
    const fire = await stored('91310115MA1FL00079');
    expect(fire).toMatchObject({
      cccCertificates: ['2023011101000001', '2023011101000002'],
      categoryCodes: ['fire_products'],
      class: 'A',
      failedSpotCheckLastYear: true,
      manyComplaints: true,
    });
    expect((await stored('91310115MA1FL00040')).contacts).toEqual([]);

    const audits = await prisma().auditLog.findMany({
      where: { action: 'import', entityId: gas.id },
    });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ entity: 'enterprise', unitId: pudong, before: null });
    expect((audits[0]!.after as { creditCode: string }).creditCode).toBe('91310115MA1FL0002R');
    expect(await importAudits()).toBe(auditsBefore + 8);

    // The same file again: nothing to do.
    const again = await upload('unitOfficer', 'fixed.csv', file);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 8, errors: [] });
    expect(await count()).toBe(before + 8);
    expect(await importAudits()).toBe(auditsBefore + 8);
    expect((await stored('91310115MA1FL0002R')).version).toBe(1);

    // Two rows changed; the others as they were.
    const changed = file
      .toString('utf8')
      .replace('测试路 3 号', '测试路 33 号')
      .replace('021-12345678', '021-87654321');
    const third = await upload('unitOfficer', 'changed.csv', changed);
    expect(third.status).toBe(200);
    expect(third.body).toMatchObject({ created: 0, updated: 2, unchanged: 6, errors: [] });
    const moved = await stored('91310115MA1FL0003W');
    expect(moved.address).toBe('上海市浦东新区测试路 33 号');
    expect(moved.version).toBe(2);
    const movedAudits = await prisma().auditLog.findMany({
      where: { action: 'import', entityId: moved.id },
      orderBy: { at: 'asc' },
    });
    expect(movedAudits).toHaveLength(2);
    const update = movedAudits[1]!;
    expect((update.before as { address: string }).address).toBe('上海市浦东新区测试路 3 号');
    expect((update.after as { address: string; version: number }).address).toBe(
      '上海市浦东新区测试路 33 号',
    );
    const recontacted = await stored('91310115MA1FL0002R');
    expect(recontacted.version).toBe(2);
    expect(recontacted.contacts).toMatchObject([
      { name: '张三', phone: '021-87654321', isPrimary: true },
    ]);

    // A file with fewer columns changes only those columns.
    const partial = csv(
      '统一社会信用代码,企业名称,地址,企业类型',
      '91310115MA1FL0002R,上海浦江燃气具有限公司,上海市浦东新区浦江路 22 号,生产和销售',
    );
    const fourth = await upload('unitOfficer', 'partial.csv', partial);
    expect(fourth.body).toMatchObject({ updated: 1, unchanged: 0 });
    const partly = await stored('91310115MA1FL0002R');
    expect(partly).toMatchObject({
      address: '上海市浦东新区浦江路 22 号',
      class: 'B',
      categoryCodes: ['gas_appliances'],
      version: 3,
    });
    expect(partly.contacts).toHaveLength(1);
  });

  it('imports an XLSX workbook the same way as CSV, with Excel row numbers', async () => {
    const codes = [validCreditCode(), validCreditCode(), validCreditCode()];
    const build = async (withBadRow: boolean) => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('企业名录');
      sheet.addRow(HEADER.split(','));
      sheet.addRow([
        codes[0],
        { richText: [{ text: '上海表格' }, { text: '燃气具有限公司' }] },
        '上海市浦东新区表格路 1 号',
        '生产和销售',
        null,
        null,
        null,
        'gas_appliances；消防产品',
        '燃气调压器',
        'AA',
        '陈七',
        13800000001,
        { text: 'chenqi@example.com', hyperlink: 'mailto:chenqi@example.com' },
        '是',
        '否',
      ]);
      sheet.addRow([codes[1], '上海表格电线有限公司', '上海市浦东新区表格路 2 号', '销售']);
      sheet.addRow([]);
      sheet.addRow([codes[2], '上海表格头盔有限公司', '上海市浦东新区表格路 4 号', '生产']);
      if (withBadRow)
        sheet.addRow(['9131', '上海表格错误有限公司', '上海市浦东新区表格路 5 号', '生产']);
      workbook.addWorksheet('说明').addRow(['这一页不会被读取']);
      return new Uint8Array(await workbook.xlsx.writeBuffer());
    };
    const before = await count();

    const bad = await upload('unitOfficer', 'register.xlsx', await build(true), { dryRun: true });
    expect(bad.status).toBe(200);
    expect(bad.body).toMatchObject({ total: 4, valid: 3, invalid: 1, created: 3 });
    expect(bad.body.errors).toEqual([
      { line: 6, column: '统一社会信用代码', message: '统一社会信用代码应为 18 位' },
    ]);

    const good = await upload('unitOfficer', 'register.bin', await build(false), {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ total: 3, created: 3, errors: [] });
    expect(await count()).toBe(before + 3);
    const first = await stored(codes[0]!);
    expect(first).toMatchObject({
      name: '上海表格燃气具有限公司',
      categoryCodes: ['gas_appliances', 'fire_products'],
      class: 'AA',
      failedSpotCheckLastYear: true,
      unitId: pudong,
    });
    expect(first.contacts).toMatchObject([
      { name: '陈七', phone: '13800000001', email: 'chenqi@example.com', isPrimary: true },
    ]);
    expect(await stored(codes[1]!)).toMatchObject({ isProducer: false, isSeller: true });

    // The same register as CSV reads the same: nothing changes.
    const asCsv = csv(
      HEADER,
      `${codes[0]},上海表格燃气具有限公司,上海市浦东新区表格路 1 号,生产和销售,,,,燃气用品;fire_products,燃气调压器,AA,陈七,13800000001,chenqi@example.com,是,否`,
      `${codes[1]},上海表格电线有限公司,上海市浦东新区表格路 2 号,销售,,,,,,,,,,,`,
      `${codes[2]},上海表格头盔有限公司,上海市浦东新区表格路 4 号,生产,,,,,,,,,,,`,
    );
    const same = await upload('unitOfficer', 'register.csv', asCsv);
    expect(same.body).toMatchObject({ created: 0, updated: 0, unchanged: 3, errors: [] });
  });

  it('numbers a row by the line it starts on when a quoted cell spans lines', async () => {
    const file = csv(
      HEADER,
      row('9131011512345', { address: '"上海市浦东新区\n多行路\n1 号"' }),
      row(validCreditCode()),
      row(validCreditCode(), { category: '不存在的类别' }),
    );
    const { status, body } = await upload('unitOfficer', 'multiline.csv', file, { dryRun: true });
    expect(status).toBe(200);
    expect(body.errors.map((e: { line: number; column: string }) => [e.line, e.column])).toEqual([
      [2, '统一社会信用代码'],
      [6, '产品类别'],
    ]);
  });

  it('accepts English column keys and a file without a BOM', async () => {
    const code = validCreditCode();
    const file = [
      'creditCode,name,address,type,categoryCodes,class,contactName,contactEmail,manyComplaints',
      `${code.toLowerCase()},上海英文列名商贸有限公司,上海市浦东新区英文路 1 号,销售,ebike_helmets,b,周八,zhouba@example.com,是`,
    ].join('\n');
    const { status, body } = await upload('unitOfficer', 'english.csv', file);
    expect(status).toBe(200);
    expect(body).toMatchObject({ created: 1, errors: [] });
    expect(await stored(code)).toMatchObject({
      name: '上海英文列名商贸有限公司',
      isSeller: true,
      isProducer: false,
      categoryCodes: ['ebike_helmets'],
      class: 'B',
      manyComplaints: true,
      failedSpotCheckLastYear: false,
    });
  });

  it('refuses an officer’s row whose enterprise another unit registered, or naming another unit', async () => {
    const theirs = await createEnterprise(stack, huangpuOfficer);
    const ours = validCreditCode();
    const file = csv(
      `${HEADER},实施单位`,
      `${row(theirs.creditCode, { name: '被接管的企业名称' })},`,
      `${row(ours)},浦东新区`,
      `${row(validCreditCode())},黄浦`,
    );
    const before = await count();
    const dryRun = await upload('unitOfficer', 'takeover.csv', file, { dryRun: true });
    expect(dryRun.status).toBe(200);
    expect(dryRun.body).toMatchObject({ total: 3, valid: 1, invalid: 2, created: 1 });
    expect(dryRun.body.errors).toEqual([
      {
        line: 2,
        column: '统一社会信用代码',
        message: '该统一社会信用代码的企业已由其他实施单位登记，不能导入本单位',
      },
      { line: 4, column: '实施单位', message: '实施单位工作人员只能导入本单位的企业' },
    ]);
    const real = await upload('unitOfficer', 'takeover.csv', file);
    expect(real.status).toBe(400);
    expect(await count()).toBe(before);
    const untouched = await prisma().enterprise.findUniqueOrThrow({ where: { id: theirs.id } });
    expect(untouched).toMatchObject({ name: theirs.name, unitId: huangpu, version: 1 });
  });

  it('requires the city admin to name each row’s unit, by code or short name', async () => {
    const codes = [validCreditCode(), validCreditCode(), validCreditCode()];
    const before = await count();
    const withoutUnit = await upload('cityAdmin', 'city.csv', csv(HEADER, row(codes[0]!)), {
      dryRun: true,
    });
    expect(withoutUnit.status).toBe(200);
    expect(withoutUnit.body.errors).toEqual([
      { line: 1, column: '实施单位', message: expect.stringContaining('须有“实施单位”列') },
    ]);
    const refused = await upload('cityAdmin', 'city.csv', csv(HEADER, row(codes[0]!)));
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].line).toBe(1);

    const lines = [
      `${HEADER},实施单位`,
      `${row(codes[0]!)},huangpu`,
      `${row(codes[1]!)},徐汇区`,
      `${row(codes[2]!)},浦东新区`,
      `${row(validCreditCode())},`,
      `${row(validCreditCode())},火星区`,
    ];
    const mixed = await upload('cityAdmin', 'city.csv', csv(...lines), { dryRun: true });
    expect(mixed.body.errors).toEqual([
      { line: 5, column: '实施单位', message: '请填写实施单位（单位代码或简称）' },
      { line: 6, column: '实施单位', message: expect.stringContaining('未知的实施单位“火星区”') },
    ]);
    expect(await count()).toBe(before);

    const done = await upload('cityAdmin', 'city.csv', csv(...lines.slice(0, 4)));
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ created: 3, errors: [] });
    expect((await stored(codes[0]!)).unitId).toBe(huangpu);
    expect((await stored(codes[1]!)).unitId).toBe(await unitId(stack, 'xuhui'));
    expect((await stored(codes[2]!)).unitId).toBe(pudong);
    const audit = await prisma().auditLog.findFirstOrThrow({
      where: { action: 'import', entityId: (await stored(codes[0]!)).id },
    });
    expect(audit).toMatchObject({ unitId: huangpu, actorRole: 'city_admin' });

    // Moving an enterprise to another unit is not an import's business.
    const move = await upload(
      'cityAdmin',
      'move.csv',
      csv(`${HEADER},实施单位`, `${row(codes[0]!)},pudong`),
    );
    expect(move.status).toBe(400);
    expect(move.body.errors).toEqual([
      {
        line: 2,
        column: '统一社会信用代码',
        message: '该企业已登记在黄浦区市场监督管理局，导入不能变更企业所属单位',
      },
    ]);
  });

  it('keeps imported enterprises in the importing unit: another unit cannot see them', async () => {
    const code = validCreditCode();
    const imported = await upload('unitOfficer', 'scope.csv', csv(HEADER, row(code)));
    expect(imported.body.created).toBe(1);
    const { id } = await stored(code);

    const theirs = await stack.call('GET', '/api/enterprises?pageSize=200', { as: huangpuOfficer });
    expect(theirs.status).toBe(200);
    expect(theirs.body.items.map((e: { id: string }) => e.id)).not.toContain(id);
    expect((await stack.call('GET', `/api/enterprises/${id}`, { as: huangpuOfficer })).status).toBe(
      404,
    );
    const ours = await stack.call('GET', `/api/enterprises/${id}`, { as: 'unitOfficer' });
    expect(ours.status).toBe(200);
    expect(ours.body.unitId).toBe(pudong);
  });

  it('lets only unit officers and the city admin import', async () => {
    const file = csv(HEADER, row(validCreditCode()));
    const before = await count();
    for (const as of ['citySupervisor', 'enterpriseUser', 'service'] as const) {
      const { status, body } = await upload(as, 'nope.csv', file);
      expect(status).toBe(403);
      expect(body.error.code).toBe('FORBIDDEN');
    }
    expect((await upload(null, 'nope.csv', file)).status).toBe(401);
    expect(await count()).toBe(before);
  });

  it('answers 413 to a file over the size limit, writing nothing', async () => {
    const before = await count();
    const big = csv(HEADER, row(validCreditCode()), `#${'x'.repeat(6 * 1024 * 1024)}`);
    const { status, body } = await upload('unitOfficer', 'big.csv', big);
    expect(status).toBe(413);
    expect(body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await count()).toBe(before);
  });

  it.each([
    [
      'an unknown file type',
      'register.txt',
      'text/plain',
      'a,b\n1,2\n',
      '不支持的文件类型（.txt）',
    ],
    ['an old Excel file', 'register.xls', 'application/vnd.ms-excel', 'x', '.xls'],
    ['a file that is not XLSX inside', 'register.xlsx', '', 'not a zip', '无法读取 Excel 文件'],
    ['an empty file', 'empty.csv', 'text/csv', '', '文件为空'],
    ['a header without rows', 'header.csv', 'text/csv', `${HEADER}\r\n\r\n`, '没有企业数据行'],
    ['an unclosed quote', 'quote.csv', 'text/csv', `${HEADER}\n"9131,a\n`, '引号'],
  ])('rejects %s with 400, writing nothing', async (_what, name, type, content, message) => {
    const before = await count();
    const { status, body } = await upload('unitOfficer', name, content, { type });
    expect(status).toBe(400);
    expect(body.error.issues).toEqual([
      { path: 'file', message: expect.stringContaining(message) },
    ]);
    expect(await count()).toBe(before);
  });

  it('rejects a CSV that is not UTF-8, a missing file field, a JSON body and a bad dryRun', async () => {
    const gbk = new Uint8Array([
      ...new TextEncoder().encode('creditCode,name\n'),
      0xc9,
      0xcf,
      0xba,
      0xa3,
      0x0a, // 上海 in GBK
    ]);
    const notUtf8 = await upload('unitOfficer', 'gbk.csv', gbk);
    expect(notUtf8.status).toBe(400);
    expect(notUtf8.body.error.issues[0].message).toContain('UTF-8');

    const form = new FormData();
    form.append('other', 'x');
    const noFile = await fetch(`${stack.api.url}/api/enterprises/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenOf('unitOfficer')}` },
      body: form,
    });
    expect(noFile.status).toBe(400);
    expect(((await noFile.json()) as any).error.issues[0].path).toBe('file');

    const json = await stack.call('POST', '/api/enterprises/import', {
      as: 'unitOfficer',
      body: { creditCode: validCreditCode() },
    });
    expect(json.status).toBe(400);
    expect(json.body.error.issues[0]).toEqual({
      path: 'file',
      message: expect.stringContaining('multipart/form-data'),
    });

    const badFlag = await upload('unitOfficer', 'x.csv', csv(HEADER, row(validCreditCode())), {
      dryRun: 'maybe',
    });
    expect(badFlag.status).toBe(400);
    expect(badFlag.body.error.issues[0].path).toBe('dryRun');
  });

  it('reports missing required columns and unknown columns on line 1', async () => {
    const file = csv(
      '统一社会信用代码,企业名称,地址,备注',
      `${validCreditCode()},上海缺列有限公司,上海市,无`,
    );
    const before = await count();
    const { status, body } = await upload('unitOfficer', 'columns.csv', file, { dryRun: true });
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 1, valid: 0, invalid: 1, created: 0 });
    expect(body.errors).toEqual([
      { line: 1, column: '备注', message: '无法识别的列名“备注”，请使用模板中的列名' },
      { line: 1, column: '企业类型', message: '缺少必填列“企业类型”' },
    ]);
    expect(await count()).toBe(before);
  });

  // Timing is measured by `npm run bench:import`, not asserted here.
  it('checks a 2,000-row file and imports it in one go', async () => {
    const lines = [HEADER];
    for (let i = 0; i < 2000; i += 1) {
      lines.push(row(validCreditCode(), { name: `上海批量导入测试企业${i}有限公司` }));
    }
    expect(new Set(lines.slice(1).map((l) => l.slice(0, 18))).size).toBe(2000);
    const file = csv(...lines);
    const before = await count();
    const auditsBefore = await importAudits();

    const dryRun = await upload('unitOfficer', 'bulk.csv', file, { dryRun: true });
    expect(dryRun.status).toBe(200);
    expect(dryRun.body).toMatchObject({ total: 2000, valid: 2000, created: 2000, errors: [] });

    const real = await upload('unitOfficer', 'bulk.csv', file);
    expect(real.status).toBe(200);
    expect(real.body).toMatchObject({ created: 2000, errors: [] });
    expect(await count()).toBe(before + 2000);
    expect(await importAudits()).toBe(auditsBefore + 2000);
  });

  it('describes the import and the template in /openapi.json', async () => {
    const { status, body } = await stack.call('GET', '/openapi.json', { as: null });
    expect(status).toBe(200);
    const post = body.paths['/api/enterprises/import'].post;
    expect(Object.keys(post.requestBody.content)).toEqual(['multipart/form-data']);
    expect(post.description).toContain('| 统一社会信用代码 | `creditCode` |');
    expect(post.parameters.map((p: { name: string }) => p.name)).toContain('dryRun');
    expect(Object.keys(post.responses).sort()).toEqual(['200', '400', '401', '403', '409', '413']);
    expect(
      body.paths['/api/enterprises/import/template.csv'].get.responses['200'].content,
    ).toHaveProperty('text/csv');
    expect(body.components.schemas).toHaveProperty('EnterpriseImportReport');
  });
});
