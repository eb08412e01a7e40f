import { allowsAnywhere, scopeFor } from '../../access/access.js';
import type { Ctx } from '../../access/principal.js';
import type { Database } from '../../db/database.js';
import { fromJson } from '../../db/dialect.js';
import { notFound } from '../../errors.js';
import { type AuditFilter, AuditRepo } from './audit.repo.js';

/** Browsing the audit log: admins see the entries of their subtree. */
export class AuditService {
  constructor(private readonly database: Database) {}

  async list(ctx: Ctx, f: AuditFilter) {
    if (!allowsAnywhere(ctx.principal, 'audit.read')) throw notFound('审计日志');
    const { rows, total } = await new AuditRepo(this.database.db).list(scopeFor(ctx.principal, 'audit.read'), f);
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        at: r.at,
        actorId: r.actor_id,
        actorName: r.actor_name ?? null,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        before: fromJson<unknown>(r.before_json, null),
        after: fromJson<unknown>(r.after_json, null),
        ip: r.ip,
      })),
    };
  }
}
