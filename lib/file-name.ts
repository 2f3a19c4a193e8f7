const MAX_NAME_LENGTH = 200;
const FALLBACK_NAME = '未命名文件';

/**
 * The name an upload is kept and offered for download under: its last path segment (browsers
 * may send a full Windows path), without control or reserved characters, at most 200 characters
 * with the extension kept. Never used to build a path on disk.
 */
export function sanitizeFileName(raw: string): string {
  const lastSegment = raw.split(/[/\\]/).pop() ?? '';
  const cleaned = lastSegment
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .trim()
    .replace(/^\.+/, '');
  if (cleaned === '') return FALLBACK_NAME;
  const chars = Array.from(cleaned);
  if (chars.length <= MAX_NAME_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? Array.from(cleaned.slice(dot)) : [];
  if (extension.length > 16) return chars.slice(0, MAX_NAME_LENGTH).join('');
  return chars.slice(0, MAX_NAME_LENGTH - extension.length).join('') + extension.join('');
}
