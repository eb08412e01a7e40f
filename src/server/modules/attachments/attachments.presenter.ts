import type { AttachmentRow } from './attachments.repo.js';
import type { AttachmentDto } from './attachments.schema.js';

/** Attachment row → API shape; `manage` is whether the caller may edit the owning record. */
export function presentAttachment(row: AttachmentRow, manage: boolean): AttachmentDto {
  return {
    id: row.id,
    name: row.original_name,
    size: Number(row.size),
    mime: row.mime,
    uploadedByName: row.uploader_name,
    createdAt: row.created_at,
    abilities: { delete: manage },
  };
}
