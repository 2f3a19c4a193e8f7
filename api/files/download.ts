import type { Context } from 'hono';
import type { FileStore } from '../../lib/file-store.js';

/** RFC 5987 / 8187 value: percent-encoded UTF-8, including the characters encodeURIComponent keeps. */
const encodeExtValue = (value: string) =>
  encodeURIComponent(value).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/** For clients that ignore filename*: the name with anything outside printable ASCII replaced. */
const asciiFallback = (name: string) => name.replace(/[^\x20-\x7e]|["\\%]/g, '_');

export function contentDisposition(name: string): string {
  return `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeExtValue(name)}`;
}

/**
 * Serves an attachment the caller may see (the route checks that first) as a download: the
 * sniffed media type, never rendered inline, never sniffed again by the browser, never cached by
 * shared caches.
 */
export async function downloadAttachment(
  c: Context,
  files: FileStore,
  attachment: { originalName: string; file: { sha256: string; mediaType: string } },
): Promise<Response> {
  const { size, stream } = await files.open(attachment.file.sha256);
  return c.body(stream, 200, {
    'Content-Type': attachment.file.mediaType,
    'Content-Length': String(size),
    'Content-Disposition': contentDisposition(attachment.originalName),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
  });
}
