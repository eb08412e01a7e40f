import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

/** What the Word exports read about a project: Kysely queries only. */
export class ExportRepo {
  constructor(private readonly db: Kysely<DB>) {}

  /** The project with its school, call and managing office. */
  async project(projectId: string) {
    return this.db
      .selectFrom('projects')
      .innerJoin('orgs as school', 'school.id', 'projects.org_id')
      .leftJoin('calls', 'calls.id', 'projects.call_id')
      .leftJoin('orgs as issuer', 'issuer.id', 'calls.org_id')
      .leftJoin('orgs as manager', 'manager.id', 'projects.manager_org_id')
      .selectAll('projects')
      .select([
        'school.name as school_name',
        'calls.title as call_title',
        'issuer.name as issuer_name',
        'manager.name as manager_name',
      ])
      .where('projects.id', '=', projectId)
      .executeTakeFirst();
  }

  /** One person's profile fields printed on the form, with their unit. */
  async person(personId: string) {
    return this.db
      .selectFrom('people')
      .leftJoin('orgs', 'orgs.id', 'people.org_id')
      .select([
        'people.id',
        'people.name',
        'people.gender',
        'people.birth_date',
        'people.title',
        'people.phone',
        'orgs.name as unit',
      ])
      .where('people.id', '=', personId)
      .executeTakeFirst();
  }

  /** The members in their order, with unit and title. */
  async members(projectId: string) {
    return this.db
      .selectFrom('project_members')
      .innerJoin('people', 'people.id', 'project_members.person_id')
      .leftJoin('orgs', 'orgs.id', 'people.org_id')
      .select([
        'people.id',
        'people.name',
        'people.title',
        'orgs.name as unit',
        'project_members.role',
        'project_members.sort',
      ])
      .where('project_members.project_id', '=', projectId)
      .orderBy('project_members.sort')
      .orderBy('people.name_key')
      .execute();
  }
}

export type ExportProjectRow = NonNullable<Awaited<ReturnType<ExportRepo['project']>>>;
export type ExportPersonRow = NonNullable<Awaited<ReturnType<ExportRepo['person']>>>;
export type ExportMemberRow = Awaited<ReturnType<ExportRepo['members']>>[number];
