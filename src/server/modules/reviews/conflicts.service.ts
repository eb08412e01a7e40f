import type { Kysely } from 'kysely';
import { allows } from '../../access/access.js';
import type { Ctx, Principal } from '../../access/principal.js';
import type { Database } from '../../db/database.js';
import { newId, nowIso } from '../../db/dialect.js';
import type { DB } from '../../db/types.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import { writeAudit } from '../audit/audit.repo.js';
import { ConflictRepo } from './conflicts.repo.js';
import { pathIds } from './reviews.conflicts.js';
import { manageScope, managesAnywhere } from './reviews.policy.js';
import { presentConflict } from './reviews.presenter.js';
import { ReviewRepo } from './reviews.repo.js';
import type { ConflictDto, CreateConflict } from './reviews.schema.js';

/**
 * Declared conflicts of interest (回避) of an expert with a person or an org. An expert may declare
 * their own; the managing side records them for experts it can see (its people, or the experts of
 * rounds it manages).
 */
export class ConflictService {
  constructor(private readonly database: Database) {}

  /** Whether the principal may see and record the conflicts of this expert. */
  private async mayManage(db: Kysely<DB>, p: Principal, expertId: string, homePath: string | null) {
    if (p.personId === expertId) return true;
    if (!managesAnywhere(p)) return false;
    if (homePath && allows(p, 'person.read', [homePath])) return true;
    const scope = manageScope(p);
    return new ConflictRepo(db).expertInRoundsUnder(expertId, scope.all ? 'all' : scope.prefixes);
  }

  /** The expert's home org path, or not_found when they do not exist or are out of reach. */
  private async requireExpertInReach(db: Kysely<DB>, p: Principal, expertId: string, what = '专家') {
    const homes = await new ConflictRepo(db).homePaths([expertId]);
    if (!homes.has(expertId)) throw notFound(what);
    const homePath = homes.get(expertId) ?? null;
    if (!(await this.mayManage(db, p, expertId, homePath))) throw notFound(what);
    return homePath;
  }

  async list(ctx: Ctx, expertId: string | undefined, page: number, pageSize: number) {
    const db = this.database.db;
    const target = expertId ?? ctx.principal.personId;
    await this.requireExpertInReach(db, ctx.principal, target);
    const rows = await new ConflictRepo(db).ofExperts([target]);
    const items = rows.map((r) => presentConflict(r, this.mayDelete(ctx.principal, r)));
    return { items: items.slice((page - 1) * pageSize, page * pageSize), total: items.length };
  }

  /** The managing side may delete; an expert only what they declared themselves. */
  private mayDelete(p: Principal, row: { expert_id: string; created_by: string | null }) {
    return p.personId !== row.expert_id ? managesAnywhere(p) : row.created_by === p.personId || managesAnywhere(p);
  }

  async create(ctx: Ctx, body: CreateConflict): Promise<ConflictDto> {
    return this.database.db.transaction().execute(async (trx) => {
      const homePath = await this.requireExpertInReach(trx, ctx.principal, body.expertId);
      if (!(await new ReviewRepo(trx).expertsAmong([body.expertId])).has(body.expertId)) {
        throw invalid('所选人员不是评审专家', {
          fields: [{ field: 'expertId', message: '须为拥有「评审专家」角色的人员' }],
        });
      }
      const repo = new ConflictRepo(trx);
      if (body.personId && !(await repo.homePaths([body.personId])).has(body.personId)) throw notFound('人员');
      if (body.orgId && !(await repo.orgById(body.orgId))) throw notFound('机构');
      const row = {
        id: newId(),
        expert_id: body.expertId,
        person_id: body.personId ?? null,
        org_id: body.orgId ?? null,
        kind: body.kind,
        note: body.note || null,
        created_by: ctx.principal.personId,
        created_at: nowIso(),
      };
      await repo.insert(row);
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'review.conflict.create',
        entity: 'review_conflict',
        entityId: row.id,
        orgId: homePath ? (pathIds(homePath).at(-1) ?? null) : null,
        after: row,
        ip: ctx.ip,
      });
      const created = await repo.byId(row.id);
      if (!created) throw notFound('回避关系');
      return presentConflict(created, this.mayDelete(ctx.principal, created));
    });
  }

  async remove(ctx: Ctx, id: string) {
    await this.database.db.transaction().execute(async (trx) => {
      const repo = new ConflictRepo(trx);
      const row = await repo.byId(id);
      if (!row) throw notFound('回避关系');
      const homePath = await this.requireExpertInReach(trx, ctx.principal, row.expert_id, '回避关系');
      if (!this.mayDelete(ctx.principal, row)) throw forbidden('只能删除自己申报的回避关系');
      await repo.delete(id);
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'review.conflict.delete',
        entity: 'review_conflict',
        entityId: id,
        orgId: homePath ? (pathIds(homePath).at(-1) ?? null) : null,
        before: row,
        ip: ctx.ip,
      });
    });
  }
}
