import { fileTypeFromBuffer } from 'file-type';
import { zipEntryNames } from './zip-entry-names.js';

/** What uploads may be: images, PDF, OFD, Word and Excel, as sniffed from the content. */
const ACCEPTED = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/heic',
  'image/heif',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
]);

export const OFD_MEDIA_TYPE = 'application/ofd';
const DOC_MEDIA_TYPE = 'application/msword';
const XLS_MEDIA_TYPE = 'application/vnd.ms-excel';

/** What the allow-list admits, for messages people read. */
export const ACCEPTED_KINDS_LABEL = '图片（PNG、JPEG、GIF、WebP、HEIC）、PDF、OFD、Word、Excel';

const extensionOf = (name: string) => /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase();

/** UTF-16LE, as stream names are written in a compound file's directory. */
const utf16 = (text: string) => Buffer.from(text, 'utf16le');
const containsAny = (bytes: Uint8Array, needles: Buffer[]) =>
  needles.some((needle) =>
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle),
  );

/**
 * The media type of an upload that the allow-list admits, sniffed from its bytes; undefined for
 * anything else (including content file-type cannot tell). Containers that file-type reports only
 * generically are looked into: a ZIP is an OFD document when it is named .ofd and has OFD.xml at
 * its root; a compound file (CFB) is a Word 97–2003 document when named .doc with a WordDocument
 * stream, an Excel 97–2003 workbook when named .xls with a Workbook (or older Book) stream.
 */
export async function sniffAcceptedMediaType(
  bytes: Uint8Array,
  name: string,
): Promise<string | undefined> {
  const sniffed = await fileTypeFromBuffer(bytes);
  if (!sniffed) return undefined;
  if (ACCEPTED.has(sniffed.mime)) return sniffed.mime;
  const extension = extensionOf(name);
  if (sniffed.ext === 'zip' && extension === 'ofd') {
    return zipEntryNames(bytes)?.includes('OFD.xml') ? OFD_MEDIA_TYPE : undefined;
  }
  if (sniffed.ext === 'cfb' && extension === 'doc') {
    return containsAny(bytes, [utf16('WordDocument')]) ? DOC_MEDIA_TYPE : undefined;
  }
  if (sniffed.ext === 'cfb' && extension === 'xls') {
    return containsAny(bytes, [utf16('Workbook'), utf16('Book')]) ? XLS_MEDIA_TYPE : undefined;
  }
  return undefined;
}
