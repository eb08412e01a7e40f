import type { Kysely } from 'kysely';
import { allows } from '../../access/access.js';
import type { Ctx, Principal } from '../../access/principal.js';
import type { Database } from '../../db/database.js';
import { newId, nowIso } from '../../db/dialect.js';
import type { DB, StudentAwardRow } from '../../db/types.js';
import { forbidden, invalid, notFound, staleVersion } from '../../errors.js';
import { writeAudit } from '../audit/audit.repo.js';
import { OrgRepo } from '../orgs/orgs.repo.js';
import { StudentAwardsRepo, type StudentAwardWithNames } from './student-awards.repo.js';
import { workScope } from './works.policy.js';
import { levelOf, resultOf } from './works.presenter.js';
import {
  type CreateStudentAward,
  LEVEL_LABELS,
  RESULT_LABELS,
  type StudentAwardDto,
  type StudentAwardsFilter,
  type UpdateStudentAward,
} from './works.schema.js';
import { resolveScope } from './works.service.js';

const WHAT = '指导学生获奖';

const mayKeep = (p: Principal, r: { person_id: string; org_path: string }) =>
  r.person_id === p.personId || allows(p, 'work.manage', [r.org_path]);
const mayRead = (p: Principal, r: { person_id: string; org_path: string }) =>
  r.person_id === p.personId || allows(p, 'work.read', [r.org_path]);

function present(r: StudentAwardWithNames, p: Principal): StudentAwardDto {
  const level = levelOf(r.level);
  const result = resultOf(r.result) ?? 'merit';
  const keep = mayKeep(p, r);
  return {
    id: r.id,
    version: r.version,
    personId: r.person_id,
    personName: r.person_name,
    orgId: r.org_id,
    studentName: r.student_name,
    className: r.class_name,
    competition: r.competition,
    title: r.title,
    level,
    levelLabel: LEVEL_LABELS[level],
    result,
    resultLabel: RESULT_LABELS[result],
    awardedOn: r.awarded_on,
    abilities: { update: keep, delete: keep },
  };
}

/** Student-guidance awards (指导学生获奖): the guiding teacher records their own; the school any of its teachers'. */
export class StudentAwardService {
  constructor(private readonly database: Database) {}

  private repo(db: Kysely<DB> = this.database.db) {
    return new StudentAwardsRepo(db);
  }

  async list(ctx: Ctx, f: StudentAwardsFilter, page: number, pageSize: number | null) {
    const scope = await resolveScope(this.database.db, f.orgId, f.termId);
    const { rows, total } = await this.repo().list(
      workScope(ctx.principal),
      { ...scope, personId: f.personId, level: f.level },
      page,
      pageSize,
    );
    return { items: rows.map((r) => present(r, ctx.principal)), total };
  }

  private async readable(db: Kysely<DB>, p: Principal, id: string) {
    const row = await this.repo(db).byId(id);
    if (!row || !mayRead(p, row)) throw notFound(WHAT);
    return row;
  }

  async get(ctx: Ctx, id: string) {
    return present(await this.readable(this.database.db, ctx.principal, id), ctx.principal);
  }

  async create(ctx: Ctx, body: CreateStudentAward): Promise<StudentAwardDto> {
    const p = ctx.principal;
    return this.database.db.transaction().execute(async (trx) => {
      const personId = body.personId ?? p.personId;
      const person = await trx
        .selectFrom('people')
        .select(['id', 'org_id'])
        .where('id', '=', personId)
        .executeTakeFirst();
      const org = person?.org_id ? await new OrgRepo(trx).byId(person.org_id) : undefined;
      if (!person || !org) throw notFound('人员');
      if (org.kind !== 'school') throw invalid('指导教师须属于一所学校');
      if (!mayKeep(p, { person_id: personId, org_path: org.path })) {
        if (allows(p, 'person.read', [org.path]))
          throw forbidden('只能登记本人指导的获奖，或由教科室主任为本校教师登记');
        throw notFound('人员');
      }
      const now = nowIso();
      const row: StudentAwardRow = {
        id: newId(),
        person_id: personId,
        org_id: org.id,
        student_name: body.studentName,
        class_name: body.className || null,
        competition: body.competition,
        title: body.title ?? '',
        level: body.level,
        result: body.result,
        awarded_on: body.awardedOn,
        created_by: p.personId,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      await this.repo(trx).insert(row);
      await writeAudit(trx, {
        actorId: p.personId,
        action: 'student_award.create',
        entity: 'student_award',
        entityId: row.id,
        orgId: org.id,
        after: row,
        ip: ctx.ip,
      });
      return present(await this.readable(trx, p, row.id), p);
    });
  }

  async update(ctx: Ctx, id: string, body: UpdateStudentAward): Promise<StudentAwardDto> {
    const p = ctx.principal;
    return this.database.db.transaction().execute(async (trx) => {
      const row = await this.readable(trx, p, id);
      if (!mayKeep(p, row)) throw forbidden('只有指导教师本人或教科室主任可以修改');
      const patch: Partial<StudentAwardRow> = {
        student_name: body.studentName ?? row.student_name,
        class_name: body.className === undefined ? row.class_name : body.className || null,
        competition: body.competition ?? row.competition,
        title: body.title ?? row.title,
        level: body.level ?? row.level,
        result: body.result ?? row.result,
        awarded_on: body.awardedOn ?? row.awarded_on,
        updated_at: nowIso(),
      };
      if (!(await this.repo(trx).update(id, body.version, patch))) throw staleVersion();
      const { person_name: _n, org_path: _p, ...before } = row;
      await writeAudit(trx, {
        actorId: p.personId,
        action: 'student_award.update',
        entity: 'student_award',
        entityId: id,
        orgId: row.org_id,
        before,
        after: { ...before, ...patch },
        ip: ctx.ip,
      });
      return present(await this.readable(trx, p, id), p);
    });
  }

  async remove(ctx: Ctx, id: string): Promise<void> {
    const p = ctx.principal;
    await this.database.db.transaction().execute(async (trx) => {
      const row = await this.readable(trx, p, id);
      if (!mayKeep(p, row)) throw forbidden('只有指导教师本人或教科室主任可以删除');
      await this.repo(trx).delete(id);
      const { person_name: _n, org_path: _p, ...before } = row;
      await writeAudit(trx, {
        actorId: p.personId,
        action: 'student_award.delete',
        entity: 'student_award',
        entityId: id,
        orgId: row.org_id,
        before,
        ip: ctx.ip,
      });
    });
  }
}
