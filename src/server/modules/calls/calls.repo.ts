import type { Kysely } from 'kysely';
import type { CallRow, DB } from '../../db/types.js';

/** Calls (课题指南/申报通知), their quotas, and the applications that use them. */
export class CallRepo {
  constructor(private readonly db: Kysely<DB>) {}

  byId(id: string) {
    return this.db
      .selectFrom('calls')
      .innerJoin('orgs', 'orgs.id', 'calls.org_id')
      .selectAll('calls')
      .select(['orgs.name as org_name', 'orgs.path as org_path'])
      .where('calls.id', '=', id)
      .executeTakeFirst();
  }

  /** Calls issued by any of these orgs (the caller's own orgs and their ancestors, or their scope). */
  all() {
    return this.db
      .selectFrom('calls')
      .innerJoin('orgs', 'orgs.id', 'calls.org_id')
      .selectAll('calls')
      .select(['orgs.name as org_name', 'orgs.path as org_path'])
      .orderBy('calls.closes_at', 'desc')
      .execute();
  }

  quotas(callIds: readonly string[]) {
    if (callIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('call_quotas')
      .innerJoin('orgs', 'orgs.id', 'call_quotas.org_id')
      .select(['call_quotas.call_id', 'call_quotas.org_id', 'call_quotas.count', 'orgs.name', 'orgs.path'])
      .where('call_quotas.call_id', 'in', callIds)
      .execute();
  }

  /** Applications of a call with where they stand: their school's path and the desk's path. */
  applications(callId: string) {
    return this.db
      .selectFrom('projects')
      .innerJoin('orgs as school', 'school.id', 'projects.org_id')
      .leftJoin('orgs as holder', 'holder.id', 'projects.holder_org_id')
      .select([
        'projects.id',
        'projects.kind',
        'projects.stage',
        'projects.host_id',
        'school.path as school_path',
        'holder.path as holder_path',
      ])
      .where('projects.call_id', '=', callId)
      .execute();
  }

  async insert(row: CallRow, quotas: { org_id: string; count: number }[]) {
    await this.db.insertInto('calls').values(row).execute();
    if (quotas.length > 0) {
      await this.db
        .insertInto('call_quotas')
        .values(quotas.map((q) => ({ call_id: row.id, org_id: q.org_id, count: q.count })))
        .execute();
    }
  }

  async update(id: string, version: number, patch: Partial<CallRow>) {
    const r = await this.db
      .updateTable('calls')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async replaceQuotas(callId: string, quotas: { org_id: string; count: number }[]) {
    await this.db.deleteFrom('call_quotas').where('call_id', '=', callId).execute();
    if (quotas.length > 0) {
      await this.db
        .insertInto('call_quotas')
        .values(quotas.map((q) => ({ call_id: callId, org_id: q.org_id, count: q.count })))
        .execute();
    }
  }
}
