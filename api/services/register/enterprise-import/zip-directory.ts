// The sizes a ZIP archive (an XLSX workbook) declares for its entries once inflated, read from its
// central directory without inflating anything. A file may lie about them; the reader's row
// limit and the worker's memory and time limits stop such a file anyway.

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const END_RECORD_SIZE = 22;
const MAX_COMMENT = 0xffff;
/** A size of 0xFFFFFFFF means "see the ZIP64 record": far more than any register needs. */
const ZIP64_MARK = 0xffffffff;

/** Sum of the entries' declared uncompressed sizes, or null when this is not a readable ZIP. */
export function declaredInflatedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndRecord(view);
  if (end < 0) return null;
  const entries = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  let offset = view.getUint32(end + 16, true);
  if (offset + directorySize > end) return null;
  let total = 0;
  for (let i = 0; i < entries; i += 1) {
    if (offset + 46 > bytes.byteLength || view.getUint32(offset, true) !== DIRECTORY_ENTRY) {
      return null;
    }
    const size = view.getUint32(offset + 24, true);
    if (size === ZIP64_MARK) return Number.MAX_SAFE_INTEGER;
    total += size;
    offset +=
      46 +
      view.getUint16(offset + 28, true) +
      view.getUint16(offset + 30, true) +
      view.getUint16(offset + 32, true);
  }
  return total;
}

function findEndRecord(view: DataView): number {
  const last = view.byteLength - END_RECORD_SIZE;
  for (let at = last; at >= 0 && at >= last - MAX_COMMENT; at -= 1) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) return at;
  }
  return -1;
}
