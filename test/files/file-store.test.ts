import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.js';
import { sanitizeFileName } from '../../lib/file-name.js';
import { createFileStore, FileRejectedError, type FileStore } from '../../lib/file-store.js';
import { exe, ofd, pdf, png, zip } from './samples.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function rejection(promise: Promise<unknown>): Promise<FileRejectedError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FileRejectedError);
  return error as FileRejectedError;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe('file store', () => {
  let dir: string;
  let store: FileStore;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'hcm-files-'));
    store = createFileStore({ dir, maxBytes: 64 * 1024 });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stores a PNG and a PDF under their SHA-256 and reads them back byte for byte', async () => {
    for (const [name, bytes, mediaType] of [
      ['现场照片.png', png(1), 'image/png'],
      ['整改报告.pdf', pdf(), 'application/pdf'],
    ] as const) {
      const stored = await store.put({ name, bytes });
      const hash = sha256(bytes);
      expect(stored).toEqual({ sha256: hash, size: bytes.length, mediaType, created: true });
      expect(await readFile(path.join(dir, hash.slice(0, 2), hash))).toEqual(Buffer.from(bytes));
      expect(await store.read(hash)).toEqual(new Uint8Array(bytes));

      const opened = await store.open(hash);
      expect(opened.size).toBe(bytes.length);
      const streamed = new Uint8Array(await new Response(opened.stream).arrayBuffer());
      expect(streamed).toEqual(new Uint8Array(bytes));
    }
  });

  it('stores the same bytes once, whatever they are called', async () => {
    const bytes = png(2);
    const first = await store.put({ name: 'a.png', bytes });
    const second = await store.put({ name: '另一个名字.png', bytes });
    expect(first.created).toBe(true);
    expect(second).toEqual({ ...first, created: false });
    const hash = sha256(bytes);
    expect((await filesUnder(dir)).filter((f) => f.endsWith(hash))).toEqual([
      path.join(hash.slice(0, 2), hash),
    ]);
    // Nothing left behind in the temp folder.
    expect(await readdir(path.join(dir, '.tmp'))).toEqual([]);
  });

  it('refuses a text file named .png, by its content, in Chinese naming the field', async () => {
    const error = await rejection(
      store.put({
        name: '照片.png',
        bytes: Buffer.from('这不是图片，只是一段文字。\n', 'utf8'),
        field: 'attachments',
      }),
    );
    expect(error.reason).toBe('type_not_allowed');
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual([
      {
        path: 'attachments',
        message:
          '文件“照片.png”的类型不允许上传：仅接受图片（PNG、JPEG、GIF、WebP、HEIC）、PDF、OFD、Word、Excel（按文件内容识别，与扩展名无关）',
      },
    ]);
  });

  it('refuses a file over the limit with 413, and an empty file', async () => {
    const small = createFileStore({ dir, maxBytes: 1024 });
    const big = new Uint8Array(2048);
    big.set(pdf());
    const error = await rejection(small.put({ name: '扫描件.pdf', bytes: big }));
    expect(error.reason).toBe('too_large');
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toBe('文件“扫描件.pdf”超过 1 KB 上限');
    expect(error.details).toEqual([{ path: 'file', message: error.message }]);
    // Exactly at the limit is accepted.
    const exact = new Uint8Array(1024);
    exact.set(pdf());
    await expect(small.put({ name: 'ok.pdf', bytes: exact })).resolves.toMatchObject({
      size: 1024,
    });

    const empty = await rejection(store.put({ name: '空.pdf', bytes: new Uint8Array(0) }));
    expect(empty.reason).toBe('empty');
    expect(empty.details).toEqual([{ path: 'file', message: '文件“空.pdf”为空' }]);
    expect(await filesUnder(dir)).not.toContain(path.join(sha256(big).slice(0, 2), sha256(big)));
  });

  it('accepts an OFD document (a ZIP named .ofd with OFD.xml at its root)', async () => {
    const bytes = ofd();
    const stored = await store.put({ name: '电子证照.OFD', bytes });
    expect(stored.mediaType).toBe('application/ofd');
    expect(await store.read(stored.sha256)).toEqual(new Uint8Array(bytes));
  });

  it('refuses executables, plain ZIPs and ZIPs that only pretend to be OFD', async () => {
    for (const [name, bytes] of [
      ['setup.exe', exe()],
      ['setup.png', exe()],
      ['资料.zip', zip({ 'a.txt': 'hello' })],
      ['资料.ofd', zip({ 'a.txt': 'hello' })],
      ['资料.ofd', zip({ 'Doc_0/OFD.xml': '<x/>' })],
      ['电子证照.zip', ofd()],
    ] as const) {
      const error = await rejection(store.put({ name, bytes }));
      expect(error.reason, name).toBe('type_not_allowed');
    }
  });

  it('accepts an Excel workbook (XLSX) by its content', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('统计表').addRow(['隐患', 3]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const stored = await store.put({ name: '月报.xlsx', bytes });
    expect(stored.mediaType).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
  });

  it('answers NOT_FOUND for an unknown or malformed hash', async () => {
    for (const hash of ['0'.repeat(64), '../../etc/passwd', 'ABC']) {
      const error = await store.open(hash).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('NOT_FOUND');
    }
  });
});

describe('upload names', () => {
  it('keeps the last path segment without control or reserved characters', () => {
    expect(sanitizeFileName('C:\\Users\\张三\\整改报告.pdf')).toBe('整改报告.pdf');
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('a\u0000b\r\n<c>.png')).toBe('abc.png');
    expect(sanitizeFileName('  ...  ')).toBe('未命名文件');
    const long = `${'很'.repeat(300)}.docx`;
    const kept = sanitizeFileName(long);
    expect(Array.from(kept)).toHaveLength(200);
    expect(kept.endsWith('.docx')).toBe(true);
  });
});
