/** A file to send: its bytes, MIME type and (Chinese) file name. */
export interface Download {
  body: Uint8Array | string;
  contentType: string;
  filename: string;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';

/**
 * Content-Disposition for a download with a Chinese name: an ASCII fallback for old clients and
 * the real name as RFC 5987 `filename*=UTF-8''…`.
 */
export function contentDisposition(filename: string): string {
  const dot = filename.lastIndexOf('.');
  const ext = dot >= 0 ? filename.slice(dot) : '';
  const fallback = `download${ext.replace(/[^A-Za-z0-9.]/g, '')}`;
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** A file name without characters that file systems or headers object to. */
export const safeFilename = (name: string) => name.replace(/[\\/:*?"<>|\r\n]+/g, '_');

/** The HTTP response for a download (no caching: the figures change as records do). */
export function downloadResponse(file: Download): Response {
  return new Response(file.body, {
    status: 200,
    headers: {
      'content-type': file.contentType,
      'content-disposition': contentDisposition(file.filename),
      'cache-control': 'no-store',
    },
  });
}
