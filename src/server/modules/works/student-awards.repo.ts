import type { Kysely } from 'kysely';
import { startsWith } from '../../db/dialect.js';
import type { DB, StudentAwardRow } from '../../db/types.js';
import type { WorkScope } from './works.policy.js';

export type StudentAwardWithNames = StudentAwardRow & { person_name: string; org_path: string };

/** Student-guidance awards (指导学生获奖). */
export class StudentAwardsRepo {
  constructor(private readonly db: Kysely<DB>) {}

  private base() {
    return this.db
      .selectFrom('student_awards')
      .innerJoin('people', 'people.id', 'student_awards.person_id')
      .innerJoin('orgs', 'orgs.id', 'student_awards.org_id');
  }

  async list(
    scope: WorkScope,
    f: { orgPath?: string; term?: { from: string; to: string }; personId?: string; level?: string },
    page: number,
    pageSize: number | null,
  ) {
    let q = this.base();
    if (!scope.all) {
      q = q.where((eb) =>
        eb.or([
          eb('student_awards.person_id', '=', scope.selfId),
          ...scope.prefixes.map((p) => startsWith(eb.ref('orgs.path'), p)),
        ]),
      );
    }
    if (f.orgPath) {
      const path = f.orgPath;
      q = q.where((eb) => startsWith(eb.ref('orgs.path'), path));
    }
    if (f.personId) q = q.where('student_awards.person_id', '=', f.personId);
    if (f.level) q = q.where('student_awards.level', '=', f.level);
    if (f.term) {
      q = q.where('student_awards.awarded_on', '>=', f.term.from).where('student_awards.awarded_on', '<=', f.term.to);
    }
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    let rows = q
      .selectAll('student_awards')
      .select(['people.name as person_name', 'orgs.path as org_path'])
      .orderBy('student_awards.awarded_on', 'desc')
      .orderBy('student_awards.id');
    if (pageSize !== null) rows = rows.limit(pageSize).offset((page - 1) * pageSize);
    const items: StudentAwardWithNames[] = await rows.execute();
    return { rows: items, total: Number(total?.n ?? 0) };
  }

  byId(id: string): Promise<StudentAwardWithNames | undefined> {
    return this.base()
      .selectAll('student_awards')
      .select(['people.name as person_name', 'orgs.path as org_path'])
      .where('student_awards.id', '=', id)
      .executeTakeFirst();
  }

  /** What tells a school's recorded awards apart (teacher, student, competition, date), for an import. */
  keysOfOrg(orgId: string) {
    return this.db
      .selectFrom('student_awards')
      .select(['person_id', 'student_name', 'competition', 'awarded_on'])
      .where('org_id', '=', orgId)
      .execute();
  }

  async insert(row: StudentAwardRow) {
    await this.db.insertInto('student_awards').values(row).execute();
  }

  async update(id: string, version: number, patch: Partial<StudentAwardRow>) {
    const r = await this.db
      .updateTable('student_awards')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async delete(id: string) {
    await this.db.deleteFrom('student_awards').where('id', '=', id).execute();
  }
}
