import type { Kysely } from 'kysely';
import { BATCH_PEOPLE } from '../../concurrency.js';
import { type DialectKind, dialectOf, inIds, startsWith } from '../../db/dialect.js';
import type { DB } from '../../db/types.js';
import { EIGHT_ONE_WORK_KINDS } from '../growth/eight-ones.js';

/** Stages from 立项 on that make a project count for 参与一个课题 (as the growth module counts them). */
const PROJECT_STAGES = [
  'approved',
  'in_progress',
  'midterm_passed',
  'conclusion_requested',
  'concluded',
  'not_passed',
] as const;

/** How many ids one IN (…) holds: well inside both databases' parameter limits, and a batch of people in one. */
const IN_CHUNK = BATCH_PEOPLE;

/** Splits long id lists so one IN (…) stays well inside both databases' parameter limits. */
export async function inChunks<T>(ids: readonly string[], load: (part: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += IN_CHUNK) out.push(...(await load(ids.slice(i, i + IN_CHUNK))));
  return out;
}

/** A teacher under a viewed org, with their school. */
export interface TeacherRow {
  id: string;
  name: string;
  name_key: string;
  birth_date: string | null;
  school_id: string;
  school_name: string;
  school_path: string;
}

/** The records compliance is computed from (听课, 写作, 上课, 评比, 八个一), loaded for many teachers at once. */
export class ComplianceRepo {
  private readonly kind: DialectKind;

  constructor(private readonly db: Kysely<DB>) {
    this.kind = dialectOf(db);
  }

  /** Active people whose home is a school inside the org (or, for a group, its members), optionally one group. */
  teachers(
    org: { id: string; kind: string; path: string },
    groupId?: string,
    personId?: string,
  ): Promise<TeacherRow[]> {
    let q = this.teacherRows();
    const member = (gid: string) => this.db.selectFrom('person_groups').select('person_id').where('group_id', '=', gid);
    if (org.kind === 'group') q = q.where('people.id', 'in', member(org.id));
    else q = q.where((eb) => startsWith(eb.ref('school.path'), org.path));
    if (groupId) q = q.where('people.id', 'in', member(groupId));
    if (personId) q = q.where('people.id', '=', personId);
    return q.orderBy('school.path').orderBy('people.name_key').orderBy('people.id').execute();
  }

  /** Active teachers with their school, before any filter. */
  private teacherRows() {
    return this.db
      .selectFrom('people')
      .innerJoin('orgs as school', 'school.id', 'people.org_id')
      .select([
        'people.id',
        'people.name',
        'people.name_key',
        'people.birth_date',
        'school.id as school_id',
        'school.name as school_name',
        'school.path as school_path',
      ])
      .where('people.active', '=', 1)
      .where('school.kind', '=', 'school');
  }

  /** Every active teacher of these schools, in the order of `teachers` (a rank is among a whole school's). */
  async teachersOfSchools(schoolIds: readonly string[]): Promise<TeacherRow[]> {
    if (schoolIds.length === 0) return [];
    return this.teacherRows()
      .where('people.org_id', 'in', [...schoolIds])
      .orderBy('school.path')
      .orderBy('people.name_key')
      .orderBy('people.id')
      .execute();
  }

  /** The groups of a set of people, with their kind (subject groups are 教研组/备课组). */
  groups(ids: readonly string[]) {
    return inChunks(ids, (part) =>
      this.db
        .selectFrom('person_groups')
        .innerJoin('orgs', 'orgs.id', 'person_groups.group_id')
        .select(['person_groups.person_id', 'orgs.id', 'orgs.path', 'orgs.group_type'])
        .where((eb) => inIds(this.kind, eb.ref('person_groups.person_id'), part))
        .execute(),
    );
  }

  /** Submitted observations (听课记录) the people made between two dates. */
  observations(ids: readonly string[], from: string, to: string) {
    return inChunks(ids, (part) =>
      this.db
        .selectFrom('observations')
        .innerJoin('people as observed', 'observed.id', 'observations.teacher_id')
        .select([
          'observations.id',
          'observations.observer_id',
          'observations.date',
          'observations.subject',
          'observations.topic',
          'observed.name as teacher_name',
        ])
        .where((eb) => inIds(this.kind, eb.ref('observations.observer_id'), part))
        .where('observations.status', '=', 'submitted')
        .where('observations.date', '>=', from)
        .where('observations.date', '<=', to)
        .orderBy('observations.date')
        .orderBy('observations.id')
        .execute(),
    );
  }

  /** Growth records of the people between two dates. */
  growth(ids: readonly string[], from: string, to: string) {
    return inChunks(ids, (part) =>
      this.db
        .selectFrom('growth_records')
        .select(['id', 'person_id', 'kind', 'date', 'title', 'text', 'book_kind'])
        .where((eb) => inIds(this.kind, eb.ref('person_id'), part))
        .where('date', '>=', from)
        .where('date', '<=', to)
        .orderBy('date')
        .orderBy('id')
        .execute(),
    );
  }

  /** Activities the people presented (主讲/执教) between two dates. */
  presented(ids: readonly string[], from: string, to: string) {
    return inChunks(ids, (part) =>
      this.db
        .selectFrom('activities')
        .select(['id', 'presenter_id', 'kind', 'title', 'date'])
        .where((eb) => inIds(this.kind, eb.ref('presenter_id'), part))
        .where('date', '>=', from)
        .where('date', '<=', to)
        .orderBy('date')
        .orderBy('id')
        .execute(),
    );
  }

  /** Competition entries with each (co-)author in the school's records, in entry order. */
  private entryRows() {
    return this.db
      .selectFrom('work_entries')
      .innerJoin('works', 'works.id', 'work_entries.work_id')
      .innerJoin('work_authors', 'work_authors.work_id', 'works.id')
      .innerJoin('competitions', 'competitions.id', 'work_entries.competition_id')
      .select([
        'work_entries.id',
        'work_authors.person_id',
        'works.id as work_id',
        'works.kind as work_kind',
        'works.title',
        'competitions.name as competition',
        'competitions.level',
        'work_entries.entered_on',
        'work_entries.status',
        'work_entries.result',
        'work_entries.result_on',
      ])
      .orderBy('work_entries.entered_on')
      .orderBy('work_entries.id');
  }

  /** Competition entries of works the people (co-)authored, entered or awarded between two dates. */
  entries(ids: readonly string[], from: string, to: string) {
    return inChunks(ids, (part) =>
      this.entryRows()
        .where((eb) => inIds(this.kind, eb.ref('work_authors.person_id'), part))
        .where((eb) =>
          eb.or([
            eb.and([eb('work_entries.entered_on', '>=', from), eb('work_entries.entered_on', '<=', to)]),
            eb.and([eb('work_entries.result_on', '>=', from), eb('work_entries.result_on', '<=', to)]),
          ]),
        )
        .execute(),
    );
  }

  /** Every competition entry decided between two dates, with its authors (read by date: a term's few thousand). */
  decidedEntries(from: string, to: string) {
    return this.entryRows()
      .where('work_entries.result_on', '>=', from)
      .where('work_entries.result_on', '<=', to)
      .execute();
  }

  /** Projects from 立项 on that the people host or belong to (八个一: 参与一个课题). */
  projects(ids: readonly string[]) {
    return inChunks(ids, (part) =>
      this.db
        .selectFrom('projects')
        .innerJoin('project_members', 'project_members.project_id', 'projects.id')
        .select([
          'project_members.person_id',
          'projects.id',
          'projects.title',
          'projects.starts_on',
          'projects.ends_on',
        ])
        .where((eb) => inIds(this.kind, eb.ref('project_members.person_id'), part))
        .where('projects.stage', 'in', PROJECT_STAGES)
        .orderBy('projects.id')
        .execute(),
    );
  }

  /** Research lessons (课题研究课) the people gave between two dates. */
  researchLessons(ids: readonly string[], from: string, to: string) {
    return inChunks(ids, (part) =>
      this.db
        .selectFrom('research_lessons')
        .innerJoin('projects', 'projects.id', 'research_lessons.project_id')
        .select([
          'research_lessons.id',
          'research_lessons.teacher_id',
          'research_lessons.content',
          'research_lessons.held_on',
          'projects.title',
        ])
        .where((eb) => inIds(this.kind, eb.ref('research_lessons.teacher_id'), part))
        .where('research_lessons.held_on', '>=', from)
        .where('research_lessons.held_on', '<=', to)
        .execute(),
    );
  }

  /** Paper/publication outputs of the projects the people belong to (authors are checked by the caller). */
  /** Works (论文与获奖) of the kinds 八个一 counts, one row per work and author among these people. */
  worksAuthored(ids: readonly string[]) {
    return inChunks(ids, (part) =>
      this.db
        .selectFrom('works')
        .innerJoin('work_authors as wa', 'wa.work_id', 'works.id')
        .select([
          'wa.person_id',
          'works.id',
          'works.kind',
          'works.title',
          'works.char_count',
          'works.written_on',
          'works.created_at',
        ])
        .where((eb) => inIds(this.kind, eb.ref('wa.person_id'), part))
        .where('works.kind', 'in', EIGHT_ONE_WORK_KINDS)
        .orderBy('works.id')
        .execute(),
    );
  }

  paperOutputs(ids: readonly string[]) {
    return inChunks(ids, (part) =>
      this.db
        .selectFrom('project_outputs')
        .select(['id', 'title', 'on_date', 'created_at', 'author_ids'])
        .where('kind', 'in', ['paper', 'publication'])
        .where(
          'project_id',
          'in',
          this.db
            .selectFrom('project_members')
            .select('project_id')
            .where((eb) => inIds(this.kind, eb.ref('person_id'), part)),
        )
        .orderBy('id')
        .execute(),
    );
  }
}
