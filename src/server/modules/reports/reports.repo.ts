import { type Expression, type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import { startsWith } from '../../db/dialect.js';
import type { DB, ProjectReportTable, ResearchLessonTable } from '../../db/types.js';

export type ReportRow = Selectable<ProjectReportTable>;
export type LessonRow = Selectable<ResearchLessonTable>;

/** Where a caller may look for missing reports: everything, or org subtrees plus their own projects. */
export interface OverdueScope {
  all: boolean;
  prefixes: readonly string[];
  personId: string;
}

/** Project reports (开题/月报/中期/结题), research lessons (研究课) and missing monthly reports. */
/**
 * Stages whose projects owe a monthly report (月报): from 立项 until 申请结题. One list for the 月查 overdue list, the
 * reminders, the statistics' 月报按时率 and the plan's calendar.
 */
export const REPORTING_STAGES = ['approved', 'in_progress', 'midterm_passed'] as const;

export class ReportRepo {
  constructor(private readonly db: Kysely<DB>) {}

  private withNames() {
    return this.db
      .selectFrom('project_reports')
      .leftJoin('people as author', 'author.id', 'project_reports.author_id')
      .selectAll('project_reports')
      .select('author.name as author_name');
  }

  async list(projectId: string, kind: string | undefined, page: number, pageSize: number) {
    let q = this.db.selectFrom('project_reports').where('project_id', '=', projectId);
    if (kind) q = q.where('kind', '=', kind);
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    let rows = this.withNames().where('project_reports.project_id', '=', projectId);
    if (kind) rows = rows.where('project_reports.kind', '=', kind);
    const items = await rows
      // coalesce: the dialects sort nulls differently; reports without a month go last on both.
      .orderBy(sql<string>`coalesce(project_reports.month, '')`, 'desc')
      .orderBy('project_reports.created_at', 'desc')
      .orderBy('project_reports.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { rows: items, total: Number(total?.n ?? 0) };
  }

  /** Every report of a project with its author's and checker's names (the Word documents print them). */
  allNamed(projectId: string) {
    return this.db
      .selectFrom('project_reports')
      .leftJoin('people as author', 'author.id', 'project_reports.author_id')
      .leftJoin('people as checker', 'checker.id', 'project_reports.checked_by')
      .selectAll('project_reports')
      .select(['author.name as author_name', 'checker.name as checker_name'])
      .where('project_reports.project_id', '=', projectId)
      .orderBy('project_reports.created_at')
      .orderBy('project_reports.id')
      .execute();
  }

  byId(projectId: string, id: string) {
    return this.withNames()
      .where('project_reports.project_id', '=', projectId)
      .where('project_reports.id', '=', id)
      .executeTakeFirst();
  }

  /** Another monthly report of the project for the month, if any (one per project per month). */
  monthly(projectId: string, month: string, exceptId = '') {
    return this.db
      .selectFrom('project_reports')
      .select(['id', 'status'])
      .where('project_id', '=', projectId)
      .where('kind', '=', 'monthly')
      .where('month', '=', month)
      .where('id', '!=', exceptId)
      .executeTakeFirst();
  }

  async insert(row: ReportRow) {
    await this.db.insertInto('project_reports').values(row).execute();
  }

  async update(id: string, version: number, patch: Partial<ReportRow>) {
    const r = await this.db
      .updateTable('project_reports')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * Running projects in the scope with no monthly report for the month, started by the month's end
   * (or without a start date). Candidates only: the service still applies the project policy.
   */
  overdueMonthly(scope: OverdueScope, orgPath: string | null, month: string, monthEnd: string) {
    let q = this.db
      .selectFrom('projects')
      .innerJoin('orgs as school', 'school.id', 'projects.org_id')
      .innerJoin('people as host', 'host.id', 'projects.host_id')
      .select([
        'projects.id',
        'projects.title',
        'projects.number',
        'projects.host_id',
        'host.name as host_name',
        'projects.org_id',
        'school.name as school_name',
        'projects.stage',
        'projects.updated_at',
      ])
      .where('projects.stage', 'in', REPORTING_STAGES)
      .where((eb) => eb.or([eb('projects.starts_on', 'is', null), eb('projects.starts_on', '<=', monthEnd)]))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('project_reports as r')
              .select('r.id')
              .whereRef('r.project_id', '=', 'projects.id')
              .where('r.kind', '=', 'monthly')
              .where('r.month', '=', month),
          ),
        ),
      );
    if (orgPath) q = q.where((eb) => startsWith(eb.ref('school.path'), orgPath));
    if (!scope.all) {
      q = q.where((eb) => {
        const ors: Expression<SqlBool>[] = scope.prefixes.map((p) => startsWith(eb.ref('school.path'), p));
        ors.push(eb('projects.host_id', '=', scope.personId));
        ors.push(
          eb.exists(
            eb
              .selectFrom('project_members as pm')
              .select('pm.person_id')
              .whereRef('pm.project_id', '=', 'projects.id')
              .where('pm.person_id', '=', scope.personId),
          ),
        );
        return eb.or(ors);
      });
    }
    return q
      .orderBy('school.name')
      .orderBy(sql<string>`coalesce(projects.number, '')`)
      .orderBy('projects.title')
      .orderBy('projects.id')
      .execute();
  }

  lessons(projectId: string) {
    return this.lessonsWithNames()
      .where('research_lessons.project_id', '=', projectId)
      .orderBy('research_lessons.planned_on')
      .orderBy('research_lessons.id')
      .execute();
  }

  lesson(projectId: string, id: string) {
    return this.lessonsWithNames()
      .where('research_lessons.project_id', '=', projectId)
      .where('research_lessons.id', '=', id)
      .executeTakeFirst();
  }

  private lessonsWithNames() {
    return this.db
      .selectFrom('research_lessons')
      .innerJoin('people as teacher', 'teacher.id', 'research_lessons.teacher_id')
      .selectAll('research_lessons')
      .select('teacher.name as teacher_name');
  }

  async insertLesson(row: LessonRow) {
    await this.db.insertInto('research_lessons').values(row).execute();
  }

  async updateLesson(id: string, version: number, patch: Partial<LessonRow>) {
    const r = await this.db
      .updateTable('research_lessons')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}
