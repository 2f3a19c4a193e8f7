import type { Prisma } from '../../prisma/generated/client.js';
import type { StoredContent, Upload } from '../../lib/file-store.js';
import { sanitizeFileName } from '../../lib/file-name.js';
import { notFoundError } from '../lib/errors.js';
import type { AppDeps, AuthUser } from '../lib/context.js';

type Db = Prisma.TransactionClient | AppDeps['db']['prisma'];

/** An attachment with the content it points at, as the download helper needs it. */
export type AttachmentWithFile = Prisma.AttachmentGetPayload<{ include: { file: true } }>;

export interface StoredUpload extends StoredContent {
  originalName: string;
}

/**
 * Puts every upload into the file store (checking type and size) before anything is recorded,
 * so that a refused file leaves no attachment rows. Content already stored is not written again.
 */
export async function storeUploads(deps: AppDeps, uploads: Upload[]): Promise<StoredUpload[]> {
  const stored: StoredUpload[] = [];
  for (const upload of uploads) {
    const content = await deps.files.put(upload);
    stored.push({ ...content, originalName: sanitizeFileName(upload.name) });
  }
  return stored;
}

/**
 * Records stored uploads as attachments of one record; pass the transaction that writes the
 * record so both are kept or neither. One StoredFile row per content (ON CONFLICT DO NOTHING, so
 * concurrent uploads of the same bytes do not abort the transaction).
 */
export async function recordAttachments(
  db: Db,
  user: AuthUser,
  record: { type: string; id: string },
  stored: StoredUpload[],
): Promise<AttachmentWithFile[]> {
  const attachments: AttachmentWithFile[] = [];
  for (const upload of stored) {
    await db.storedFile.createMany({
      data: [{ sha256: upload.sha256, size: upload.size, mediaType: upload.mediaType }],
      skipDuplicates: true,
    });
    const file = await db.storedFile.findUniqueOrThrow({ where: { sha256: upload.sha256 } });
    attachments.push(
      await db.attachment.create({
        data: {
          fileId: file.id,
          recordType: record.type,
          recordId: record.id,
          originalName: upload.originalName,
          uploadedById: user.id,
        },
        include: { file: true },
      }),
    );
  }
  return attachments;
}

/** A record's attachments, oldest first. */
export function attachmentsOf(
  db: Db,
  record: { type: string; id: string },
): Promise<AttachmentWithFile[]> {
  return db.attachment.findMany({
    where: { recordType: record.type, recordId: record.id },
    include: { file: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}

/**
 * One attachment by id; 404 when it does not exist. The caller then checks that the user may
 * see the record it belongs to (recordType, recordId) before serving it.
 */
export async function findAttachment(db: Db, id: string): Promise<AttachmentWithFile> {
  const attachment = await db.attachment.findUnique({ where: { id }, include: { file: true } });
  if (!attachment) throw notFoundError('附件');
  return attachment;
}
