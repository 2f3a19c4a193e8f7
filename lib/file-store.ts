import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { DomainError } from '../domain/errors.js';
import { ACCEPTED_KINDS_LABEL, sniffAcceptedMediaType } from './file-kind.js';

export interface FileStoreOptions {
  /** FILES_DIR: contents live at `<dir>/<sha256[0..2]>/<sha256>`, temp files in `<dir>/.tmp`. */
  dir: string;
  /** UPLOAD_MAX_BYTES: the largest file accepted. */
  maxBytes: number;
}

export interface Upload {
  /** The name the client sent; only checked here (OFD, DOC, XLS), never used as a path. */
  name: string;
  bytes: Uint8Array;
  /** The form field the file came in, named in the error when it is refused. */
  field?: string;
}

export interface StoredContent {
  sha256: string;
  size: number;
  /** Sniffed from the content. */
  mediaType: string;
  /** False when the same bytes were already stored. */
  created: boolean;
}

export interface OpenedContent {
  size: number;
  stream: ReadableStream<Uint8Array>;
}

export interface FileStore {
  readonly maxBytes: number;
  /** Checks the type and size, then stores the bytes once per SHA-256. */
  put(upload: Upload): Promise<StoredContent>;
  /** Streams stored content; NOT_FOUND when nothing is stored under that hash. */
  open(sha256: string): Promise<OpenedContent>;
  read(sha256: string): Promise<Uint8Array>;
}

export type FileRejectionReason = 'empty' | 'too_large' | 'type_not_allowed';

/** An upload the store refuses: 400 naming the field, or 413 for a file over the limit. */
export class FileRejectedError extends DomainError {
  constructor(
    readonly reason: FileRejectionReason,
    readonly field: string,
    message: string,
  ) {
    super(
      reason === 'too_large' ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED',
      reason === 'too_large' ? message : '请求参数校验失败',
      [{ path: field, message }],
    );
    this.name = 'FileRejectedError';
  }
}

export const fileTooLarge = (name: string, field: string, maxBytes: number) =>
  new FileRejectedError('too_large', field, `文件“${name}”超过 ${formatSize(maxBytes)} 上限`);

const SHA256 = /^[0-9a-f]{64}$/;

/** A limit for people: "20 MB", "1.5 MB", "512 KB". */
export const formatSize = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`
    : `${Number((bytes / 1024).toFixed(1))} KB`;

/** One file store per process, built at start and injected (AppDeps.files). */
export function createFileStore({ dir, maxBytes }: FileStoreOptions): FileStore {
  const root = path.resolve(dir);
  const pathOf = (sha256: string) => {
    if (!SHA256.test(sha256)) throw new DomainError('NOT_FOUND', '文件不存在');
    return path.join(root, sha256.slice(0, 2), sha256);
  };
  const sizeOf = async (file: string) => {
    try {
      return (await stat(file)).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  };

  return {
    maxBytes,

    async put({ name, bytes, field = 'file' }) {
      if (bytes.byteLength === 0) {
        throw new FileRejectedError('empty', field, `文件“${name}”为空`);
      }
      if (bytes.byteLength > maxBytes) throw fileTooLarge(name, field, maxBytes);
      const mediaType = await sniffAcceptedMediaType(bytes, name);
      if (!mediaType) {
        throw new FileRejectedError(
          'type_not_allowed',
          field,
          `文件“${name}”的类型不允许上传：仅接受${ACCEPTED_KINDS_LABEL}（按文件内容识别，与扩展名无关）`,
        );
      }
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const target = pathOf(sha256);
      const stored = { sha256, size: bytes.byteLength, mediaType };
      if ((await sizeOf(target)) === bytes.byteLength) return { ...stored, created: false };

      // Written whole to a temp file first, so that a crash never leaves a partial file under
      // its hash; rename within one file system is atomic.
      const tempDir = path.join(root, '.tmp');
      await mkdir(tempDir, { recursive: true });
      await mkdir(path.dirname(target), { recursive: true });
      const temp = path.join(tempDir, `${sha256}.${randomBytes(6).toString('hex')}`);
      try {
        const handle = await open(temp, 'wx');
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      return { ...stored, created: true };
    },

    async open(sha256) {
      const file = pathOf(sha256);
      const size = await sizeOf(file);
      if (size === undefined) throw new DomainError('NOT_FOUND', '文件不存在');
      const stream = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
      return { size, stream };
    },

    async read(sha256) {
      const file = pathOf(sha256);
      if ((await sizeOf(file)) === undefined) throw new DomainError('NOT_FOUND', '文件不存在');
      return new Uint8Array(await readFile(file));
    },
  };
}
