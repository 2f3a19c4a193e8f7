import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { fileTooLarge, formatSize, type Upload } from '../../lib/file-store.js';
import type { AppEnv } from '../lib/context.js';
import { errorBody, fieldError } from '../lib/errors.js';

/** How many files one request may carry (per form, all fields together). */
export const MAX_FILES_PER_REQUEST = 10;
/** Room for the multipart envelope and the form's text fields. */
const ENVELOPE_BYTES = 256 * 1024;

/** The largest upload request: every file at the per-file limit, plus the envelope. */
export const uploadRequestBytes = (maxFileBytes: number) =>
  maxFileBytes * MAX_FILES_PER_REQUEST + ENVELOPE_BYTES;

/**
 * Body limit for requests that carry files (multipart/form-data), from the injected file store's
 * per-file limit; each file's own limit is checked by readUploads and the store.
 */
export const uploadBodyLimit: MiddlewareHandler<AppEnv> = (c, next) => {
  const maxFileBytes = c.var.deps.files.maxBytes;
  return bodyLimit({
    maxSize: uploadRequestBytes(maxFileBytes),
    // The body was not read: tell the client not to reuse this connection.
    onError: (c) =>
      c.json(
        errorBody(
          'PAYLOAD_TOO_LARGE',
          `上传内容过大：每个文件不超过 ${formatSize(maxFileBytes)}，每次最多 ${MAX_FILES_PER_REQUEST} 个文件`,
        ),
        413,
        { Connection: 'close' },
      ),
  })(c, next);
};

export const isMultipart = (c: Context) =>
  /^multipart\/form-data\b/i.test(c.req.header('content-type') ?? '');

/**
 * The files of a multipart form in the given fields, as uploads for the file store (which sniffs
 * their type): at most MAX_FILES_PER_REQUEST, each within the store's limit (checked here on
 * the declared size before any byte is copied). Empty file inputs (no file chosen) are skipped.
 * The form's other values stay available through c.req.parseBody() (Hono caches the parse).
 */
export async function readUploads(
  c: Context<AppEnv>,
  fields: string[] = ['files'],
): Promise<Upload[]> {
  const maxBytes = c.var.deps.files.maxBytes;
  const body = await c.req.parseBody({ all: true });
  const uploads: Upload[] = [];
  for (const field of fields) {
    const value = body[field];
    const files = (Array.isArray(value) ? value : [value]).filter(
      (v): v is File => v instanceof File && !(v.size === 0 && v.name === ''),
    );
    for (const file of files) {
      if (uploads.length === MAX_FILES_PER_REQUEST) {
        throw fieldError(field, `每次最多上传 ${MAX_FILES_PER_REQUEST} 个文件`);
      }
      if (file.size > maxBytes) throw fileTooLarge(file.name, field, maxBytes);
      uploads.push({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()), field });
    }
  }
  return uploads;
}
