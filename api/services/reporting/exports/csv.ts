/** UTF-8 byte-order mark: spreadsheet programs then read the Chinese text correctly. */
export const BOM = '\uFEFF';

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Text beginning
 * with = + - @ is prefixed with ' so that spreadsheets do not evaluate it as a formula.
 */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document with a BOM and CRLF line ends. */
export function toCsv(lines: readonly (readonly (string | number)[])[]): string {
  return BOM + lines.map((line) => line.map(csvField).join(',')).join('\r\n') + '\r\n';
}
