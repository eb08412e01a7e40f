import type { Insertable, Kysely } from 'kysely';
import { containsText, type DialectKind } from '../../db/dialect.js';
import type { DB, ProjectFileTable } from '../../db/types.js';
import type { FileFilter } from './files.schema.js';

/** Archive files (档案袋) of projects: Kysely queries only. */
export class FileRepo {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly kind: DialectKind,
  ) {}

  private withUploader() {
    return this.db
      .selectFrom('project_files')
      .leftJoin('people as uploader', 'uploader.id', 'project_files.uploaded_by')
      .selectAll('project_files')
      .select('uploader.name as uploader_name');
  }

  /** The files of one project, oldest first, with the uploader's name. */
  async list(projectId: string, f: FileFilter = {}) {
    let q = this.withUploader().where('project_files.project_id', '=', projectId);
    if (f.category) q = q.where('project_files.category', '=', f.category);
    if (f.stage) q = q.where('project_files.stage', '=', f.stage);
    if (f.q) {
      const text = f.q;
      q = q.where((eb) => containsText(this.kind, eb.ref('project_files.original_name'), text));
    }
    return q.orderBy('project_files.created_at').orderBy('project_files.id').execute();
  }

  /** One file of a project (a file id of another project is not found). */
  async byId(projectId: string, fileId: string) {
    return this.withUploader()
      .where('project_files.project_id', '=', projectId)
      .where('project_files.id', '=', fileId)
      .executeTakeFirst();
  }

  async insert(row: Insertable<ProjectFileTable>) {
    await this.db.insertInto('project_files').values(row).execute();
  }

  async delete(fileId: string) {
    await this.db.deleteFrom('project_files').where('id', '=', fileId).execute();
  }

  /** Name of the person (for audit and presenting a fresh upload). */
  async personName(personId: string) {
    const row = await this.db.selectFrom('people').select('name').where('id', '=', personId).executeTakeFirst();
    return row?.name ?? null;
  }
}

export type FileRow = NonNullable<Awaited<ReturnType<FileRepo['byId']>>>;
