import type { Kysely } from 'kysely';
import type { Ctx, Principal } from '../../access/principal.js';
import type { Database } from '../../db/database.js';
import { newId, nowIso } from '../../db/dialect.js';
import type { DB } from '../../db/types.js';
import { forbidden, notFound } from '../../errors.js';
import type { FileStore, Uploads } from '../../storage/file-store.js';
import { canManageActivity, canReadActivity } from '../activities/activities.policy.js';
import { factsOf } from '../activities/activities.presenter.js';
import { ActivityRepo } from '../activities/activities.repo.js';
import { writeAudit } from '../audit/audit.repo.js';
import { type Download, type IncomingFile, recordOrRemove, storeUpload } from '../files/files.service.js';
import { attachmentHeader, servedMime } from '../files/files.types.js';
import { canReadGrowth, canRecordGrowth } from '../growth/growth.policy.js';
import { subjectOf } from '../growth/growth.presenter.js';
import { GrowthRepo } from '../growth/growth.repo.js';
import { presentAttachment } from './attachments.presenter.js';
import { AttachmentRepo } from './attachments.repo.js';
import type { AttachmentDto, AttachmentEntity } from './attachments.schema.js';

/** The owning record as far as attachments care: its school (for the audit) and the caller's rights. */
interface Owner {
  orgId: string;
  manage: boolean;
}

const WHAT: Record<AttachmentEntity, string> = { activity: '教研活动', growth: '成长记录' };
const MAY_MANAGE: Record<AttachmentEntity, string> = {
  activity: '只有教科室主任、本组教研组长或关联课题的主持人可以上传或删除活动附件',
  growth: '只有本人或本校教科室主任可以上传或删除该记录的附件',
};

/** The caller's own school (members of a school read its activities), as the activities module decides it. */
async function homeSchoolId(db: Kysely<DB>, p: Principal): Promise<string | null> {
  if (!p.orgId) return null;
  const org = await new ActivityRepo(db).org(p.orgId);
  if (!org) return null;
  if (org.kind === 'school') return org.id;
  return org.kind === 'group' ? org.parent_id : null;
}

/** A readable owner with the caller's manage right, or not_found (out of scope looks like missing). */
async function readableOwner(database: Database, p: Principal, entity: AttachmentEntity, id: string): Promise<Owner> {
  const { db } = database;
  if (entity === 'activity') {
    const row = await new ActivityRepo(db).byId(id);
    if (!row || !canReadActivity(p, factsOf(row), await homeSchoolId(db, p))) throw notFound(WHAT.activity);
    return { orgId: row.org_id, manage: canManageActivity(p, factsOf(row)) };
  }
  const repo = new GrowthRepo(db, database.kind);
  const row = await repo.byId(id);
  if (!row) throw notFound(WHAT.growth);
  const subject = subjectOf(row, (await repo.groupPaths([row.person_id])).get(row.person_id) ?? []);
  if (!canReadGrowth(p, subject)) throw notFound(WHAT.growth);
  return { orgId: row.org_id, manage: canRecordGrowth(p, subject) };
}

/** Photos and files on activities and growth records, checked by the archive bag's upload rules. */
export class AttachmentService {
  private readonly store: FileStore;

  constructor(
    private readonly database: Database,
    private readonly uploads: Uploads,
  ) {
    this.store = uploads.store;
  }

  private repo(db: Kysely<DB> = this.database.db) {
    return new AttachmentRepo(db);
  }

  async list(ctx: Ctx, entity: AttachmentEntity, entityId: string) {
    const owner = await readableOwner(this.database, ctx.principal, entity, entityId);
    const rows = await this.repo().list(entity, entityId);
    return {
      items: rows.map((r) => presentAttachment(r, owner.manage)),
      abilities: { upload: owner.manage },
    };
  }

  /** Checks who, the name and the bytes, stores the file, then records it with its audit entry. */
  async upload(ctx: Ctx, entity: AttachmentEntity, entityId: string, file: IncomingFile): Promise<AttachmentDto> {
    const owner = await readableOwner(this.database, ctx.principal, entity, entityId);
    if (!owner.manage) throw forbidden(MAY_MANAGE[entity]);
    const { name, key, mime, size, sha256 } = await storeUpload(this.uploads, file, {
      db: this.database.db,
      ctx,
      orgId: owner.orgId,
    });
    const row = {
      id: newId(),
      entity,
      entity_id: entityId,
      original_name: name,
      storage_key: key,
      mime,
      size,
      sha256,
      uploaded_by: ctx.principal.personId,
      created_at: nowIso(),
    };
    await recordOrRemove(this.store, key, () =>
      this.database.db.transaction().execute(async (trx) => {
        await this.repo(trx).insert(row);
        const { storage_key: _key, ...after } = row;
        await writeAudit(trx, {
          actorId: ctx.principal.personId,
          action: 'attachment.upload',
          entity: 'attachment',
          entityId: row.id,
          orgId: owner.orgId,
          after,
          ip: ctx.ip,
        });
      }),
    );
    const saved = await this.repo().byId(entity, entityId, row.id);
    if (!saved) throw notFound('文件');
    return presentAttachment(saved, owner.manage);
  }

  async download(ctx: Ctx, entity: AttachmentEntity, entityId: string, fileId: string): Promise<Download> {
    await readableOwner(this.database, ctx.principal, entity, entityId);
    const row = await this.repo().byId(entity, entityId, fileId);
    if (!row || !(await this.store.exists(row.storage_key))) throw notFound('文件');
    return {
      contentType: servedMime(row.mime),
      disposition: attachmentHeader(row.original_name),
      size: Number(row.size),
      body: this.store.get(row.storage_key),
    };
  }

  /** Deletes the record with its audit entry, then the stored bytes. */
  async remove(ctx: Ctx, entity: AttachmentEntity, entityId: string, fileId: string): Promise<void> {
    const owner = await readableOwner(this.database, ctx.principal, entity, entityId);
    const row = await this.repo().byId(entity, entityId, fileId);
    if (!row) throw notFound('文件');
    if (!owner.manage) throw forbidden(MAY_MANAGE[entity]);
    await this.database.db.transaction().execute(async (trx) => {
      await this.repo(trx).delete(row.id);
      const { storage_key: _key, uploader_name: _name, ...before } = row;
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'attachment.delete',
        entity: 'attachment',
        entityId: row.id,
        orgId: owner.orgId,
        before,
        ip: ctx.ip,
      });
    });
    // The record is gone; bytes that cannot be removed now are an orphan, not a failed request.
    await this.store.remove(row.storage_key).catch(() => undefined);
  }
}
