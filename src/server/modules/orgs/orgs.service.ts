import { allows, allowsBelow, scopeFor } from '../../access/access.js';
import type { Ctx } from '../../access/principal.js';
import { CHILD_KINDS, type OrgKind } from '../../access/roles.js';
import type { Database } from '../../db/database.js';
import { newId, nowIso } from '../../db/dialect.js';
import type { OrgRow } from '../../db/types.js';
import { conflict, invalid, notFound, staleVersion } from '../../errors.js';
import { writeAudit } from '../audit/audit.repo.js';
import { OrgRepo } from './orgs.repo.js';
import type { CreateOrg, UpdateOrg } from './orgs.schema.js';

const KIND_LABEL: Record<OrgKind, string> = {
  province: '省',
  city: '市',
  district: '区/县',
  school: '学校',
  group: '教研组/年级组',
};

/** The org tree: who sees which part, and its changes. */
export class OrgService {
  constructor(private readonly database: Database) {}

  private repo(db = this.database.db) {
    return new OrgRepo(db);
  }

  /** Every org the caller can see, plus the ancestors that give it context. */
  tree(ctx: Ctx) {
    return this.repo().inScope(scopeFor(ctx.principal, 'org.read'));
  }

  async get(ctx: Ctx, id: string): Promise<OrgRow> {
    const rows = await this.tree(ctx);
    const row = rows.find((r) => r.id === id);
    if (!row) throw notFound('机构');
    return row;
  }

  async list(ctx: Ctx, parentId: string | undefined, kind: OrgKind | undefined) {
    const rows = await this.tree(ctx);
    return rows.filter(
      (r) => (parentId === undefined || r.parent_id === parentId) && (kind === undefined || r.kind === kind),
    );
  }

  async create(ctx: Ctx, body: CreateOrg): Promise<OrgRow> {
    return this.database.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const parent = body.parentId ? await repo.byId(body.parentId) : undefined;
      if (body.parentId && (!parent || !allows(ctx.principal, 'org.read', [parent.path]))) throw notFound('上级机构');
      if (parent ? !allows(ctx.principal, 'org.create', [parent.path]) : !scopeFor(ctx.principal, 'org.create').all) {
        throw notFound('上级机构');
      }
      if (parent && !CHILD_KINDS[parent.kind as OrgKind].includes(body.kind)) {
        throw invalid(`${KIND_LABEL[parent.kind as OrgKind]}下不能建立${KIND_LABEL[body.kind]}`, {
          fields: [{ field: 'kind', message: '该机构类型不能放在此上级之下' }],
        });
      }
      if (!parent && !['province', 'city', 'district', 'school'].includes(body.kind)) {
        throw invalid('教研组必须属于一所学校', { fields: [{ field: 'parentId', message: '请选择上级机构' }] });
      }
      const siblings = await repo.children(parent?.id ?? null);
      if (siblings.some((s) => s.name === body.name)) {
        throw conflict(`同一上级下已有名为「${body.name}」的机构`, {
          fields: [{ field: 'name', message: '名称重复' }],
        });
      }
      const id = newId();
      const now = nowIso();
      const row: OrgRow = {
        id,
        name: body.name,
        kind: body.kind,
        group_type: body.kind === 'group' ? (body.groupType ?? 'subject') : null,
        parent_id: parent?.id ?? null,
        path: `${parent?.path ?? '/'}${id}/`,
        code: body.code || null,
        rural: body.rural ? 1 : 0,
        sort: siblings.length,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      await repo.insert(row);
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'org.create',
        entity: 'org',
        entityId: id,
        orgId: id,
        after: row,
        ip: ctx.ip,
      });
      return row;
    });
  }

  async update(ctx: Ctx, id: string, body: UpdateOrg): Promise<OrgRow> {
    return this.database.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const before = await repo.byId(id);
      if (!before || !allows(ctx.principal, 'org.read', [before.path])) throw notFound('机构');
      if (!allowsBelow(ctx.principal, 'org.update', before.path)) throw notFound('机构');
      const patch: Partial<OrgRow> = { updated_at: nowIso() };
      if (body.name !== undefined) patch.name = body.name;
      if (body.code !== undefined) patch.code = body.code || null;
      if (body.rural !== undefined) patch.rural = body.rural ? 1 : 0;
      if (body.groupType !== undefined && before.kind === 'group') patch.group_type = body.groupType;
      if (body.name && body.name !== before.name) {
        const siblings = await repo.children(before.parent_id);
        if (siblings.some((s) => s.id !== id && s.name === body.name)) {
          throw conflict(`同一上级下已有名为「${body.name}」的机构`, {
            fields: [{ field: 'name', message: '名称重复' }],
          });
        }
      }
      if (!(await repo.update(id, body.version, patch))) throw staleVersion();
      const after = await repo.byId(id);
      if (!after) throw notFound('机构');
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'org.update',
        entity: 'org',
        entityId: id,
        orgId: id,
        before,
        after,
        ip: ctx.ip,
      });
      return after;
    });
  }

  async remove(ctx: Ctx, id: string): Promise<void> {
    await this.database.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const before = await repo.byId(id);
      if (!before || !allows(ctx.principal, 'org.read', [before.path])) throw notFound('机构');
      if (!allowsBelow(ctx.principal, 'org.delete', before.path)) throw notFound('机构');
      if (await repo.isInUse(id)) throw conflict('该机构下还有下级机构、人员或角色，不能删除');
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'org.delete',
        entity: 'org',
        entityId: id,
        orgId: before.parent_id,
        before,
        ip: ctx.ip,
      });
      await repo.delete(id);
    });
  }
}
