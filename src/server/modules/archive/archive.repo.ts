import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

/** Everything a teacher's growth archive gathers, one query per kind of record. */
export class GrowthArchiveRepo {
  constructor(private readonly db: Kysely<DB>) {}

  person(id: string) {
    return this.db
      .selectFrom('people')
      .leftJoin('orgs', 'orgs.id', 'people.org_id')
      .select([
        'people.id',
        'people.name',
        'people.gender',
        'people.birth_date',
        'people.hire_date',
        'people.subjects',
        'people.title',
        'people.backbone_level',
        'orgs.name as org_name',
        'orgs.path as org_path',
      ])
      .where('people.id', '=', id)
      .executeTakeFirst();
  }

  groupPaths(id: string) {
    return this.db
      .selectFrom('person_groups')
      .innerJoin('orgs', 'orgs.id', 'person_groups.group_id')
      .select(['orgs.path', 'orgs.name'])
      .where('person_groups.person_id', '=', id)
      .execute();
  }

  projects(id: string) {
    return this.db
      .selectFrom('project_members')
      .innerJoin('projects', 'projects.id', 'project_members.project_id')
      .select([
        'projects.id',
        'projects.title',
        'projects.level',
        'projects.stage',
        'projects.number',
        'projects.starts_on',
        'projects.ends_on',
        'projects.created_at',
        'project_members.role',
      ])
      .where('project_members.person_id', '=', id)
      .where('projects.stage', 'not in', ['draft'])
      .orderBy('projects.created_at')
      .execute();
  }

  growth(id: string, from: string, to: string) {
    return this.db
      .selectFrom('growth_records')
      .select(['id', 'kind', 'date', 'title', 'text', 'hours'])
      .where('person_id', '=', id)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .orderBy('date')
      .execute();
  }

  activities(id: string, from: string, to: string) {
    return this.db
      .selectFrom('activities')
      .leftJoin('activity_attendance as a', (j) =>
        j.onRef('a.activity_id', '=', 'activities.id').on('a.person_id', '=', id),
      )
      .select([
        'activities.id',
        'activities.kind',
        'activities.title',
        'activities.date',
        'activities.presenter_id',
        'a.status',
      ])
      .where((eb) => eb.or([eb('activities.presenter_id', '=', id), eb('a.status', '=', 'present')]))
      .where('activities.date', '>=', from)
      .where('activities.date', '<=', to)
      .orderBy('activities.date')
      .execute();
  }

  observations(id: string, from: string, to: string) {
    return this.db
      .selectFrom('observations')
      .innerJoin('people as t', 't.id', 'observations.teacher_id')
      .select([
        'observations.id',
        'observations.date',
        'observations.subject',
        'observations.topic',
        'observations.observer_id',
        'observations.teacher_id',
        't.name as teacher_name',
      ])
      .where('observations.status', '=', 'submitted')
      .where((eb) => eb.or([eb('observations.observer_id', '=', id), eb('observations.teacher_id', '=', id)]))
      .where('observations.date', '>=', from)
      .where('observations.date', '<=', to)
      .orderBy('observations.date')
      .execute();
  }

  mentorships(id: string) {
    return this.db
      .selectFrom('mentorships')
      .innerJoin('people as m', 'm.id', 'mentorships.mentor_id')
      .innerJoin('people as e', 'e.id', 'mentorships.mentee_id')
      .select([
        'mentorships.id',
        'mentorships.starts_on',
        'mentorships.status',
        'mentorships.mentor_id',
        'm.name as mentor_name',
        'e.name as mentee_name',
      ])
      .where((eb) => eb.or([eb('mentorships.mentor_id', '=', id), eb('mentorships.mentee_id', '=', id)]))
      .execute();
  }
}
