import type { Kysely } from 'kysely';
import type { Scope } from '../../access/access.js';
import { newId, nowIso, startsWith, toJson } from '../../db/dialect.js';
import type { DB } from '../../db/types.js';

/** One audit entry: who did what to which record, with the record before and after. */
export interface AuditEntry {
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  orgId: string | null;
  before?: unknown;
  after?: unknown;
  ip: string | null;
}

/** Writes an audit entry inside the caller's transaction. */
export async function writeAudit(db: Kysely<DB>, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      at: nowIso(),
      actor_id: e.actorId,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId,
      org_id: e.orgId,
      before_json: e.before === undefined ? null : toJson(redact(e.before)),
      after_json: e.after === undefined ? null : toJson(redact(e.after)),
      ip: e.ip,
    })
    .execute();
}

const SECRET_KEYS = new Set(['password', 'password_hash', 'passwordHash', 'token', 'token_hash', 'csrf_token']);

/** Secrets never reach the audit log. */
function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.has(k) ? '***' : redact(v)]));
  }
  return value;
}

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actorId?: string;
  page: number;
  pageSize: number;
}

export class AuditRepo {
  constructor(private readonly db: Kysely<DB>) {}

  /** Entries whose org lies in the scope (system-wide entries only for a deployment-wide scope). */
  async list(scope: Scope, f: AuditFilter) {
    let q = this.db.selectFrom('audit_log').leftJoin('orgs', 'orgs.id', 'audit_log.org_id');
    if (!scope.all) {
      const prefixes = scope.prefixes;
      if (prefixes.length === 0) return { rows: [], total: 0 };
      q = q.where((eb) => eb.or(prefixes.map((p) => startsWith(eb.ref('orgs.path'), p))));
    }
    if (f.entity) q = q.where('audit_log.entity', '=', f.entity);
    if (f.entityId) q = q.where('audit_log.entity_id', '=', f.entityId);
    if (f.actorId) q = q.where('audit_log.actor_id', '=', f.actorId);
    const totalRow = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const rows = await q
      .leftJoin('people as actor', 'actor.id', 'audit_log.actor_id')
      .selectAll('audit_log')
      .select('actor.name as actor_name')
      .orderBy('audit_log.id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute();
    return { rows, total: Number(totalRow?.n ?? 0) };
  }
}
