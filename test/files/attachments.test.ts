import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../api/db/database.js';
import { applyMigrations } from '../../api/db/migrate.js';
import {
  findAttachment,
  recordAttachments,
  storeUploads,
  attachmentsOf,
} from '../../api/files/attachments.js';
import { downloadAttachment } from '../../api/files/download.js';
import { readUploads, uploadBodyLimit, uploadRequestBytes } from '../../api/files/uploads.js';
import type { AppDeps, AuthUser } from '../../api/lib/context.js';
import { createRouter } from '../../api/lib/create-router.js';
import { onError } from '../../api/lib/errors.js';
import { signInSettings } from '../../api/runtime.js';
import { createFileStore } from '../../lib/file-store.js';
import { createLogger } from '../../lib/logger.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.js';
import { pdf, png } from './samples.js';

const MAX_BYTES = 64 * 1024;
const uploader: AuthUser = {
  id: 'user-1',
  name: '测试用户',
  role: 'unit_officer',
  unitId: null,
  enterpriseId: null,
};

/** The upload and download helpers mounted the way a workbench route would use them. */
function testApp(deps: AppDeps) {
  const app = createRouter();
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('logger', deps.logger);
    await next();
  });
  app.post('/records/:id/attachments', uploadBodyLimit, async (c) => {
    const stored = await storeUploads(deps, await readUploads(c, ['files']));
    const rows = await recordAttachments(
      deps.db.prisma,
      uploader,
      { type: 'TestRecord', id: c.req.param('id') },
      stored,
    );
    const note = (await c.req.parseBody({ all: true })).note;
    return c.json({ note, ids: rows.map((r) => r.id) });
  });
  app.get('/attachments/:id', async (c) =>
    downloadAttachment(c, deps.files, await findAttachment(deps.db.prisma, c.req.param('id'))),
  );
  app.onError(onError);
  return app;
}

function form(files: Array<[string, Uint8Array]>, note = '备注') {
  const body = new FormData();
  body.set('note', note);
  for (const [name, bytes] of files) body.append('files', new Blob([bytes]), name);
  return { method: 'POST', body };
}

describe.each(DATABASE_KINDS)('attachments (%s)', (kind) => {
  let database: TestDatabase;
  let db: Database;
  let dir: string;
  let app: ReturnType<typeof testApp>;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = await openDatabase(database.target);
    await applyMigrations(db);
    dir = await mkdtemp(path.join(os.tmpdir(), 'hcm-attachments-'));
    const deps = {
      db,
      files: createFileStore({ dir, maxBytes: MAX_BYTES }),
      logger: createLogger('test', 'error'),
      publicUrl: '',
      now: () => new Date(),
      temporal: undefined as never,
      signIn: signInSettings(),
    } satisfies AppDeps;
    app = testApp(deps);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('records uploads once per content and serves them back as downloads', async () => {
    const photo = png(7);
    const report = pdf();
    const first = await app.request(
      '/records/r1/attachments',
      form([
        ['C:\\照片\\现场 照片(1).png', photo],
        ['整改报告.pdf', report],
      ]),
    );
    expect(first.status).toBe(200);
    const { note, ids } = (await first.json()) as { note: string; ids: string[] };
    expect(note).toBe('备注');
    expect(ids).toHaveLength(2);

    const again = await app.request('/records/r2/attachments', form([['同一张.png', photo]]));
    expect(again.status).toBe(200);
    expect(await db.prisma.storedFile.count()).toBe(2);
    expect(await db.prisma.attachment.count()).toBe(3);

    const listed = await attachmentsOf(db.prisma, { type: 'TestRecord', id: 'r1' });
    expect(listed.map((a) => [a.originalName, a.file.mediaType, a.file.size])).toEqual([
      ['现场 照片(1).png', 'image/png', photo.length],
      ['整改报告.pdf', 'application/pdf', report.length],
    ]);

    const download = await app.request(`/attachments/${ids[0]}`);
    expect(download.status).toBe(200);
    expect(Object.fromEntries(download.headers)).toMatchObject({
      'content-type': 'image/png',
      'content-length': String(photo.length),
      'content-disposition': `attachment; filename="__ __(1).png"; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%20%E7%85%A7%E7%89%87%281%29.png`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(new Uint8Array(photo));

    expect((await app.request('/attachments/nope')).status).toBe(404);
  });

  it('refuses a disguised file and one over the limit, recording nothing', async () => {
    const before = await db.prisma.attachment.count();
    const disguised = await app.request(
      '/records/r3/attachments',
      form([
        ['ok.png', png(8)],
        ['照片.png', Buffer.from('plain text', 'utf8')],
      ]),
    );
    expect(disguised.status).toBe(400);
    expect(await disguised.json()).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: '请求参数校验失败',
        issues: [
          { path: 'files', message: expect.stringContaining('文件“照片.png”的类型不允许上传') },
        ],
      },
    });

    const big = new Uint8Array(MAX_BYTES + 1);
    big.set(pdf());
    const tooLarge = await app.request('/records/r3/attachments', form([['大文件.pdf', big]]));
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({
      error: { code: 'PAYLOAD_TOO_LARGE', message: '文件“大文件.pdf”超过 64 KB 上限' },
    });

    // A request larger than every file at the limit together is cut off unread.
    const huge = new Uint8Array(uploadRequestBytes(MAX_BYTES) + 1);
    const cutOff = await app.request('/records/r3/attachments', form([['huge.pdf', huge]]));
    expect(cutOff.status).toBe(413);
    expect(((await cutOff.json()) as { error: { message: string } }).error.message).toContain(
      '每个文件不超过 64 KB',
    );
    expect(await db.prisma.attachment.count()).toBe(before);
  });
});
