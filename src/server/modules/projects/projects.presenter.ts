import type { Principal } from '../../access/principal.js';
import { canEditApplication, type ProjectFacts, projectActors } from '../../access/projects.policy.js';
import { fromJson } from '../../db/dialect.js';
import type { ProjectRow } from '../../db/types.js';
import type { ProjectDto } from './projects.schema.js';
import { atManagerDesk, availableActions, LEVELS, type Level, type Stage } from './projects.workflow.js';

/** What the presenter reads beside the row. */
export interface ProjectNames {
  school_name: string;
  host_name: string;
  holder_name: string | null;
  manager_name: string | null;
  call_title: string | null;
}

type Member = { person_id: string; name: string; role: string };

/** Project row → API shape with the actions the caller may take now. */
export function presentProject(
  row: ProjectRow & ProjectNames,
  members: Member[],
  facts: ProjectFacts,
  principal: Principal,
): ProjectDto {
  const actors = projectActors(principal, facts);
  const stage = row.stage as Stage;
  const sections = fromJson<ProjectDto['sections']>(row.sections, {
    significance: '',
    goals: '',
    methods: '',
    steps: '',
  });
  return {
    id: row.id,
    version: row.version,
    title: row.title,
    level: (LEVELS as readonly string[]).includes(row.level) ? (row.level as Level) : 'school',
    kind: row.kind,
    stage,
    orgId: row.org_id,
    orgName: row.school_name,
    hostId: row.host_id,
    hostName: row.host_name,
    number: row.number,
    callId: row.call_id,
    callTitle: row.call_title,
    subject: row.subject,
    planPeriod: row.plan_period,
    members: members.map((m) => ({
      personId: m.person_id,
      name: m.name,
      role: m.role === 'host' || m.role === 'core' ? m.role : 'member',
    })),
    expectedOutcomes: fromJson(row.expected_outcomes, []),
    sections: {
      significance: sections.significance ?? '',
      goals: sections.goals ?? '',
      methods: sections.methods ?? '',
      steps: sections.steps ?? '',
      budget: sections.budget,
    },
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    grade: row.grade === 'excellent' || row.grade === 'good' || row.grade === 'pass' ? row.grade : null,
    holderOrgId: row.holder_org_id,
    holderOrgName: row.holder_name,
    managerOrgId: row.manager_org_id,
    managerOrgName: row.manager_name,
    historic: row.historic === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    abilities: {
      edit: canEditApplication(principal, facts),
      delete: stage === 'draft' && (actors.has('host') || actors.has('school')),
      actions: availableActions(stage, actors, atManagerDesk(row)),
    },
  };
}
