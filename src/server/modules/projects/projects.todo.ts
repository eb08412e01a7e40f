import type { Kysely } from 'kysely';
import type { Principal } from '../../access/principal.js';
import { canReadProject, projectActors } from '../../access/projects.policy.js';
import { today } from '../../calendar.js';
import { startsWith } from '../../db/dialect.js';
import type { DB } from '../../db/types.js';
import { ReportRepo } from '../reports/reports.repo.js';
import { monthEnd, previousMonth } from '../reports/reports.service.js';
import type { TodoItem, TodoKind } from '../todo/todo.schema.js';
import { loadProjectFacts } from './projects.access.js';
import { type Action, atManagerDesk, availableActions, type Stage } from './projects.workflow.js';

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

/** At most this many candidates of each source are weighed; the answer says when there were more. */
export const TODO_CANDIDATES = 1000;

/** A project that may wait for the caller, and why it was picked. */
interface Candidate {
  source: 'step' | 'report' | 'revise' | 'check';
  projectId: string;
  title: string;
  stage: string;
  orgName: string;
  month: string | null;
  updatedAt: string;
}

/** A monthly report returned to its author (revise) or waiting for its school's check (check), as a candidate. */
const reportCandidate =
  (source: 'revise' | 'check') =>
  (r: { id: string; title: string; stage: string; org_name: string; month: string | null; updated_at: string }) => ({
    source,
    projectId: r.id,
    title: r.title,
    stage: r.stage,
    orgName: r.org_name,
    month: r.month,
    updatedAt: r.updated_at,
  });

/**
 * What waits for the caller's own hand (待我处理): a project's step — an application to submit, recommend, send to
 * review or approve, an approved project to open, a conclusion to judge — exactly the steps the project page offers
 * them (`availableActions`); and the monthly reports (月报): last month's that a host has not written, one returned
 * to its author, one a school's director has to check (月查). Only the caller's duties: a system administrator's
 * powers over every project are not their to-do.
 */
export async function projectTodo(
  db: Kysely<DB>,
  principal: Principal,
): Promise<{ items: TodoItem[]; truncated: boolean }> {
  const duties: Principal = { ...principal, grants: principal.grants.filter((g) => g.role !== 'sysadmin') };
  const me = duties.personId;
  const offices = duties.grants
    .filter((g) => (g.role === 'research_admin' || g.role === 'school_director') && g.orgId)
    .map((g) => g.orgId as string);
  const schools = duties.grants
    .filter((g) => g.role === 'school_director' && g.orgPath)
    .map((g) => g.orgPath as string);
  const month = previousMonth(today());
  const cap = TODO_CANDIDATES + 1;

  const [steps, unwritten, returned, toCheck] = await Promise.all([
    // The candidates of a step, as the stage table places them; the policy decides below.
    db
      .selectFrom('projects')
      .innerJoin('orgs as school', 'school.id', 'projects.org_id')
      .select(['projects.id', 'projects.title', 'projects.stage', 'projects.updated_at', 'school.name as org_name'])
      .where((eb) =>
        eb.or([
          eb.and([eb('projects.host_id', '=', me), eb('projects.stage', '=', 'draft')]),
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
      .limit(cap)
      .execute(),
    // Last month's report of a running project the caller hosts, not written (the 月报缺交 rule).
    new ReportRepo(db).overdueMonthly({ all: false, prefixes: [], personId: me }, null, month, monthEnd(month)),
    db
      .selectFrom('project_reports as r')
      .innerJoin('projects', 'projects.id', 'r.project_id')
      .innerJoin('orgs as school', 'school.id', 'projects.org_id')
      .select(['projects.id', 'projects.title', 'projects.stage', 'school.name as org_name', 'r.month', 'r.updated_at'])
      .where('r.author_id', '=', me)
      .where('r.status', '=', 'returned')
      .orderBy('r.updated_at', 'desc')
      .limit(cap)
      .execute(),
    schools.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('project_reports as r')
          .innerJoin('projects', 'projects.id', 'r.project_id')
          .innerJoin('orgs as school', 'school.id', 'projects.org_id')
          .select([
            'projects.id',
            'projects.title',
            'projects.stage',
            'school.name as org_name',
            'r.month',
            'r.updated_at',
          ])
          .where('r.kind', '=', 'monthly')
          .where('r.status', '=', 'submitted')
          .where((eb) => eb.or(schools.map((path) => startsWith(eb.ref('school.path'), path))))
          .orderBy('r.updated_at', 'desc')
          .limit(cap)
          .execute(),
  ]);
  const truncated = [steps, unwritten, returned, toCheck].some((rows) => rows.length > TODO_CANDIDATES);

  const candidates: Candidate[] = [
    ...steps.slice(0, TODO_CANDIDATES).map((r) => ({
      source: 'step' as const,
      projectId: r.id,
      title: r.title,
      stage: r.stage,
      orgName: r.org_name,
      month: null,
      updatedAt: r.updated_at,
    })),
    ...unwritten
      .filter((r) => r.host_id === me)
      .slice(0, TODO_CANDIDATES)
      .map((r) => ({
        source: 'report' as const,
        projectId: r.id,
        title: r.title,
        stage: r.stage,
        orgName: r.school_name,
        month,
        updatedAt: r.updated_at,
      })),
    ...returned.map(reportCandidate('revise')),
    ...toCheck.map(reportCandidate('check')),
  ];
  const facts = await loadProjectFacts(db, [...new Set(candidates.map((c) => c.projectId))]);

  const found: TodoItem[] = [];
  for (const c of candidates) {
    const f = facts.get(c.projectId);
    if (!f || !canReadProject(principal, f.facts)) continue;
    const actors = projectActors(duties, f.facts);
    let kind: TodoKind | undefined;
    if (c.source === 'step') {
      const actions = availableActions(c.stage as Stage, actors, atManagerDesk(f));
      kind = KIND_OF.find(([action]) => actions.includes(action))?.[1];
    } else if (c.source === 'report') kind = actors.has('host') ? 'report' : undefined;
    else if (c.source === 'revise') kind = 'revise';
    else kind = actors.has('school') ? 'check' : undefined;
    if (!kind) continue;
    const reports = c.source !== 'step';
    found.push({
      kind,
      title: c.title,
      context: c.orgName,
      stage: reports ? null : (c.stage as Stage),
      month: c.month,
      due: null,
      link: `/projects/${c.projectId}${reports ? '?tab=reports' : ''}`,
      updatedAt: c.updatedAt,
    });
  }
  return { items: found, truncated };
}
