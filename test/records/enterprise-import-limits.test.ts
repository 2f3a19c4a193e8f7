import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack.js';
import { zip } from '../support/zip.js';

// A hostile workbook must not stall the API, which also serves the embedded database: the
// register reader runs in a worker thread, streams the sheet, stops at the row limit and refuses
// a file that declares more than it may inflate to.

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const PACKAGE_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="企业名录" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
const SHARED_STRINGS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4"><si><t>统一社会信用代码</t></si><si><t>企业名称</t></si><si><t>91310115MA1K4B8X7J</t></si><si><t>上海示例燃气用具有限公司</t></si></sst>`;

/** A workbook whose one sheet repeats the same data row `rows` times (it compresses to almost nothing). */
function repeatedRowsWorkbook(rows: number): Buffer {
  const header = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>';
  const row = '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>';
  const sheet =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    header +
    row.repeat(rows) +
    '</sheetData></worksheet>';
  return zip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: PACKAGE_RELS },
    { name: 'xl/workbook.xml', data: WORKBOOK },
    { name: 'xl/_rels/workbook.xml.rels', data: WORKBOOK_RELS },
    { name: 'xl/sharedStrings.xml', data: SHARED_STRINGS },
    { name: 'xl/worksheets/sheet1.xml', data: sheet },
  ]);
}

describe('enterprise register import limits on pglite', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ database: 'pglite', worker: false });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function upload(bytes: Uint8Array) {
    const form = new FormData();
    form.append('file', new Blob([bytes]), 'register.xlsx');
    const response = await fetch(`${stack.api.url}/api/enterprises/import?dryRun=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.tokens.unitOfficer}` },
      body: form,
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  /** Runs `work` while /health is asked every 20 ms; the slowest answer and how long work took. */
  async function withHealthProbe<T>(work: () => Promise<T>) {
    const latencies: number[] = [];
    let running = true;
    const probe = (async () => {
      while (running) {
        const started = performance.now();
        const response = await fetch(`${stack.api.url}/health`);
        await response.arrayBuffer();
        latencies.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const started = performance.now();
    const result = await work();
    const took = performance.now() - started;
    running = false;
    await probe;
    return { result, took, slowestHealth: Math.max(...latencies), probes: latencies.length };
  }

  it('refuses a workbook of 600,000 rows at the row limit while /health keeps answering', async () => {
    const bomb = repeatedRowsWorkbook(600_000);
    expect(bomb.length).toBeLessThan(200 * 1024);
    const before = await stack.api.db.prisma.enterprise.count();

    const { result, took, slowestHealth, probes } = await withHealthProbe(() => upload(bomb));

    expect(result.status).toBe(400);
    expect(result.body.error.issues).toEqual([
      { path: 'file', message: '一次最多导入 10000 行，请分批导入' },
    ]);
    expect(await stack.api.db.prisma.enterprise.count()).toBe(before);
    // Parsed on the request thread, /health would wait for the whole parse: its slowest answer
    // would be as long as the import itself. Off the thread it is a fraction of it.
    console.info(
      `600k-row workbook (${bomb.length} bytes) refused in ${took.toFixed(0)} ms; ` +
        `slowest of ${probes} /health answers meanwhile ${slowestHealth.toFixed(0)} ms`,
    );
    expect(probes).toBeGreaterThan(1);
    expect(slowestHealth).toBeLessThan(took / 2);
  });

  it('refuses a workbook that would inflate past its limit without reading its rows', async () => {
    const bomb = repeatedRowsWorkbook(1_600_000);
    const { status, body } = await upload(bomb);
    expect(status).toBe(400);
    expect(body.error.issues).toEqual([
      { path: 'file', message: 'Excel 文件解压后超过 64 MB，请删去多余内容或分批导入' },
    ]);
  });

  it('still reads an ordinary workbook off the thread', async () => {
    const { status, body } = await upload(repeatedRowsWorkbook(1));
    expect(status).toBe(200);
    expect(body).toMatchObject({ dryRun: true, total: 1 });
  });
});
