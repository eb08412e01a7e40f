import type { Kysely } from 'kysely';
import type { AttachmentTable, DB } from '../../db/types.js';
import type { AttachmentEntity } from './attachments.schema.js';

/** Queries on `attachments` only. */
export class AttachmentRepo {
  constructor(private readonly db: Kysely<DB>) {}

  private withUploader() {
    return this.db
      .selectFrom('attachments')
      .leftJoin('people as uploader', 'uploader.id', 'attachments.uploaded_by')
      .selectAll('attachments')
      .select('uploader.name as uploader_name');
  }

  /** The attachments of one activity or growth record, oldest first, with the uploader's name. */
  list(entity: AttachmentEntity, entityId: string) {
    return this.withUploader()
      .where('attachments.entity', '=', entity)
      .where('attachments.entity_id', '=', entityId)
      .orderBy('attachments.created_at')
      .orderBy('attachments.id')
      .execute();
  }

  byId(entity: AttachmentEntity, entityId: string, id: string) {
    return this.withUploader()
      .where('attachments.entity', '=', entity)
      .where('attachments.entity_id', '=', entityId)
      .where('attachments.id', '=', id)
      .executeTakeFirst();
  }

  async insert(row: AttachmentTable): Promise<void> {
    await this.db.insertInto('attachments').values(row).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('attachments').where('id', '=', id).execute();
  }
}

export type AttachmentRow = NonNullable<Awaited<ReturnType<AttachmentRepo['byId']>>>;
