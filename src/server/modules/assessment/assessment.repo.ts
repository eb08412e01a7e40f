import type { Kysely } from 'kysely';
import { type DialectKind, dialectOf, inIds } from '../../db/dialect.js';
import type { DB } from '../../db/types.js';
import { inChunks } from '../compliance/compliance.repo.js';

/** The start of a plain date in China Standard Time, as a stored UTC instant. */
const instantOf = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();
const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The records the research assessment (教科研考核) scores besides those compliance loads. */
export class AssessmentRepo {
  private readonly kind: DialectKind;

  constructor(private readonly db: Kysely<DB>) {
    this.kind = dialectOf(db);
  }

  /** Publications (发表) between two dates of works the people (co-)authored. */
  publications(ids: readonly string[], from: string, to: string) {
    return inChunks(ids, (part) =>
      this.db
        .selectFrom('publications')
        .innerJoin('works', 'works.id', 'publications.work_id')
        .innerJoin('work_authors', 'work_authors.work_id', 'works.id')
        .select([
          'publications.id',
          'work_authors.person_id',
          'works.title',
          'publications.journal',
          'publications.level',
          'publications.issue',
          'publications.published_on',
        ])
        .where((eb) => inIds(this.kind, eb.ref('work_authors.person_id'), part))
        .where('publications.published_on', '>=', from)
        .where('publications.published_on', '<=', to)
        .orderBy('publications.published_on')
        .orderBy('publications.id')
        .execute(),
    );
  }

  /** 立项 and 结题 of projects the people host or belong to, whose transition happened between two dates. */
  projectEvents(ids: readonly string[], from: string, to: string) {
    return inChunks(ids, (part) =>
      this.db
        .selectFrom('project_transitions')
        .innerJoin('projects', 'projects.id', 'project_transitions.project_id')
        .innerJoin('project_members', 'project_members.project_id', 'projects.id')
        .select([
          'project_transitions.id',
          'project_transitions.project_id',
          'project_transitions.action',
          'project_transitions.at',
          'projects.title',
          'projects.level',
          'project_members.person_id',
          'project_members.role',
        ])
        .where((eb) => inIds(this.kind, eb.ref('project_members.person_id'), part))
        .where('project_transitions.action', 'in', ['approve', 'conclude'])
        .where('project_transitions.at', '>=', instantOf(from))
        .where('project_transitions.at', '<', instantOf(dayAfter(to)))
        .orderBy('project_transitions.at')
        .execute(),
    );
  }

  /** Student-guidance awards (指导学生获奖) between two dates. */
  studentAwards(ids: readonly string[], from: string, to: string) {
    return inChunks(ids, (part) =>
      this.db
        .selectFrom('student_awards')
        .select(['id', 'person_id', 'student_name', 'competition', 'level', 'result', 'awarded_on'])
        .where((eb) => inIds(this.kind, eb.ref('person_id'), part))
        .where('awarded_on', '>=', from)
        .where('awarded_on', '<=', to)
        .orderBy('awarded_on')
        .orderBy('id')
        .execute(),
    );
  }
}
