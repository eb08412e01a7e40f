import type { Kysely } from 'kysely';
import type { Principal } from '../../access/principal.js';
import { canReadProject, projectActors } from '../../access/projects.policy.js';
import { startsWith } from '../../db/dialect.js';
import type { DB } from '../../db/types.js';
import { loadProjectFacts } from './projects.access.js';
import type { TodoKind } from './projects.schema.js';
import { type Action, availableActions, type Stage } from './projects.workflow.js';

/**
 * Where a project can wait for a caller, by the capacity they act in (the stage table's rows): a host's draft; at a
 * school they direct, an application to recommend or a project to open; on an office's desk, an application to
 * recommend, send to review or approve; at the office that manages it, a project to open or a conclusion to judge.
 * The running stages wait on nobody in particular.
 */
const AT_SCHOOL: Stage[] = ['submitted', 'approved'];
const ON_DESK: Stage[] = ['submitted', 'school_recommended', 'district_recommended', 'in_review'];
const MANAGED: Stage[] = ['approved', 'conclusion_requested'];

/** The first action a caller may take that makes a project theirs to handle, as the to-do names it. */
const KIND_OF: [Action, TodoKind][] = [
  ['conclude', 'conclude'],
  ['open', 'open'],
  ['approve', 'approve'],
  ['send_to_review', 'approve'],
  ['recommend', 'recommend'],
  ['submit', 'submit'],
];

/** At most this many waiting projects are weighed; the answer says when there were more. */
export const TODO_CANDIDATES = 1000;

export interface TodoItem {
  projectId: string;
  title: string;
  stage: Stage;
  orgName: string;
  kind: TodoKind;
  updatedAt: string;
}

/**
 * The projects waiting for the caller's own step (待我处理): an application to submit, recommend, send to review or
 * approve, an approved project to open, a conclusion to judge. What the caller may do is exactly what the project
 * page offers (`availableActions`), in the caller's duties only: a system administrator's powers over every
 * project are not their to-do.
 */
export async function projectTodo(
  db: Kysely<DB>,
  principal: Principal,
  limit: number,
): Promise<{ items: TodoItem[]; counts: Record<TodoKind, number>; truncated: boolean }> {
  const duties: Principal = { ...principal, grants: principal.grants.filter((g) => g.role !== 'sysadmin') };
  const offices = duties.grants
    .filter((g) => (g.role === 'research_admin' || g.role === 'school_director') && g.orgId)
    .map((g) => g.orgId as string);
  const schools = duties.grants
    .filter((g) => g.role === 'school_director' && g.orgPath)
    .map((g) => g.orgPath as string);
  // The candidates, as the stage table places them; which of them are really the caller's the policy decides below.
  const rows = await db
    .selectFrom('projects')
    .innerJoin('orgs as school', 'school.id', 'projects.org_id')
    .select(['projects.id', 'projects.title', 'projects.stage', 'projects.updated_at', 'school.name as org_name'])
    .where((eb) =>
      eb.or([
        eb.and([eb('projects.host_id', '=', duties.personId), eb('projects.stage', '=', 'draft')]),
        ...(offices.length > 0
          ? [
              eb.and([eb('projects.holder_org_id', 'in', offices), eb('projects.stage', 'in', ON_DESK)]),
              eb.and([eb('projects.manager_org_id', 'in', offices), eb('projects.stage', 'in', MANAGED)]),
            ]
          : []),
        ...schools.map((path) =>
          eb.and([startsWith(eb.ref('school.path'), path), eb('projects.stage', 'in', AT_SCHOOL)]),
        ),
      ]),
    )
    .orderBy('projects.updated_at', 'desc')
    .orderBy('projects.id')
    .limit(TODO_CANDIDATES + 1)
    .execute();
  const truncated = rows.length > TODO_CANDIDATES;
  const weighed = rows.slice(0, TODO_CANDIDATES);
  const facts = await loadProjectFacts(
    db,
    weighed.map((r) => r.id),
  );
  const counts: Record<TodoKind, number> = { submit: 0, recommend: 0, approve: 0, open: 0, conclude: 0 };
  const items: TodoItem[] = [];
  for (const r of weighed) {
    const f = facts.get(r.id);
    if (!f || !canReadProject(principal, f.facts)) continue;
    const actions = availableActions(
      r.stage as Stage,
      projectActors(duties, f.facts),
      f.holder_org_id !== null && f.holder_org_id === f.manager_org_id,
    );
    const kind = KIND_OF.find(([action]) => actions.includes(action))?.[1];
    if (!kind) continue;
    counts[kind]++;
    if (items.length < limit)
      items.push({
        projectId: r.id,
        title: r.title,
        stage: r.stage as Stage,
        orgName: r.org_name,
        kind,
        updatedAt: r.updated_at,
      });
  }
  return { items, counts, truncated };
}
