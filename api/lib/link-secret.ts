import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The key reminder links are derived from when LINK_SECRET is not set: made once and kept in
 * DATA_DIR/link-secret (mode 0600), so that a reminder resent after a restart carries the link
 * it first carried. (Links already sent keep working even when the key changes: only their hash
 * is looked up.)
 */
export async function keptLinkSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'link-secret');
  const read = async () => (await readFile(file, 'utf8').catch(() => '')).trim();
  const kept = await read();
  if (kept.length >= 32) return kept;
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    await writeFile(file, `${secret}\n`, { mode: 0o600, flag: kept ? 'w' : 'wx' });
    return secret;
  } catch {
    // Another process made it first.
    return read();
  }
}
