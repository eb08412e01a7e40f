import type { Kysely } from 'kysely';
import { allows } from '../../access/access.js';
import type { Ctx, Principal } from '../../access/principal.js';
import type { Database } from '../../db/database.js';
import { fromJson, newId, nowIso, toJson } from '../../db/dialect.js';
import type { DB } from '../../db/types.js';
import { forbidden, invalid, notFound, staleVersion } from '../../errors.js';
import { writeAudit } from '../audit/audit.repo.js';
import { canManageObservations } from './observations.policy.js';
import { ObservationRepo } from './observations.repo.js';
import { DEFAULT_OBSERVATION_RUBRIC } from './observations.rules.js';
import type { RubricBody, RubricItem } from './observations.schema.js';

/** A school's observation rubric: its own, or the default (version 0). */
export async function loadRubric(db: Kysely<DB>, schoolId: string) {
  const row = await new ObservationRepo(db).rubric(schoolId, 'observation');
  if (!row) return { id: null, items: [...DEFAULT_OBSERVATION_RUBRIC], version: 0 };
  return {
    id: row.id,
    items: fromJson<RubricItem[]>(row.items, [...DEFAULT_OBSERVATION_RUBRIC]),
    version: row.version,
  };
}

/** A school the caller belongs to or may read; groups answer for their school. */
async function readableSchool(db: Kysely<DB>, p: Principal, orgId: string | undefined) {
  const repo = new ObservationRepo(db);
  const id = orgId ?? p.orgId;
  const org = id ? await repo.org(id) : undefined;
  const school = org?.kind === 'group' && org.parent_id ? await repo.org(org.parent_id) : org;
  if (school?.kind !== 'school') {
    if (!orgId) throw invalid('请指定学校', { fields: [{ field: 'orgId', message: '请选择学校' }] });
    throw notFound('学校');
  }
  if (p.orgId !== school.id && !allows(p, 'org.read', [school.path])) throw notFound('学校');
  return school;
}

/** The schools' rubrics (评价量表) and observation settings, kept by the school director. */
export class RubricService {
  constructor(private readonly database: Database) {}

  async get(ctx: Ctx, orgId: string | undefined) {
    const school = await readableSchool(this.database.db, ctx.principal, orgId);
    const r = await loadRubric(this.database.db, school.id);
    return {
      kind: 'observation' as const,
      orgId: school.id,
      items: r.items,
      version: r.version,
      isDefault: r.id === null,
      abilities: { update: canManageObservations(ctx.principal, school.path) },
    };
  }

  async put(ctx: Ctx, body: RubricBody) {
    await this.database.db.transaction().execute(async (trx) => {
      const school = await readableSchool(trx, ctx.principal, body.orgId);
      if (!canManageObservations(ctx.principal, school.path)) throw forbidden('只有本校教科室主任可以修改评价量表');
      const repo = new ObservationRepo(trx);
      const before = await loadRubric(trx, school.id);
      if (before.version !== body.version) throw staleVersion();
      const now = nowIso();
      const items = toJson(body.items);
      if (before.id === null) {
        await repo.insertRubric({
          id: newId(),
          org_id: school.id,
          kind: 'observation',
          items,
          version: 1,
          updated_by: ctx.principal.personId,
          updated_at: now,
        });
      } else if (
        !(await repo.updateRubric(before.id, body.version, {
          items,
          updated_by: ctx.principal.personId,
          updated_at: now,
        }))
      ) {
        throw staleVersion();
      }
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'rubric.update',
        entity: 'rubric',
        entityId: school.id,
        orgId: school.id,
        before: before.items,
        after: body.items,
        ip: ctx.ip,
      });
    });
    return this.get(ctx, body.orgId);
  }

  async settings(ctx: Ctx, orgId: string | undefined) {
    const { db } = this.database;
    const school = await readableSchool(db, ctx.principal, orgId);
    const show = (await new ObservationRepo(db).showObserver([school.id])).get(school.id) ?? true;
    return {
      orgId: school.id,
      showObserver: show,
      abilities: { update: canManageObservations(ctx.principal, school.path) },
    };
  }

  /** Whether the observed teacher sees who observed them (per school; shown by default). */
  async putSettings(ctx: Ctx, body: { orgId: string; showObserver: boolean }) {
    await this.database.db.transaction().execute(async (trx) => {
      const school = await readableSchool(trx, ctx.principal, body.orgId);
      if (!canManageObservations(ctx.principal, school.path)) throw forbidden('只有本校教科室主任可以修改听课设置');
      const repo = new ObservationRepo(trx);
      const before = (await repo.showObserver([school.id])).get(school.id) ?? true;
      await repo.setShowObserver(school.id, body.showObserver);
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'observation.settings',
        entity: 'setting',
        entityId: school.id,
        orgId: school.id,
        before: { showObserver: before },
        after: { showObserver: body.showObserver },
        ip: ctx.ip,
      });
    });
    return this.settings(ctx, body.orgId);
  }
}
