import type { Principal } from '../../access/principal.js';
import { type ProjectActor, type ProjectFacts, projectActors } from '../../access/projects.policy.js';
import type { ReportKind } from './reports.schema.js';

/**
 * Who may write, edit, check (月查) and give an opinion on a project report, and when. Read access
 * is the project's (requireReadableProject); these rules decide the rest.
 */

const RUNNING = ['approved', 'in_progress', 'midterm_passed'];

/** Stages in which a report of each kind may be written or edited. */
export const REPORT_STAGES: Record<ReportKind, readonly string[]> = {
  opening: RUNNING,
  monthly: RUNNING,
  midterm: RUNNING,
  conclusion: [...RUNNING, 'conclusion_requested'],
};

/** Capacities that may write each kind: a monthly report by the research team, the others by host or school. */
export const REPORT_WRITERS: Record<ReportKind, readonly ProjectActor[]> = {
  monthly: ['host', 'member'],
  opening: ['host', 'school'],
  midterm: ['host', 'school'],
  conclusion: ['host', 'school'],
};

/** Kinds an expert opinion (专家意见) is given on. */
export const OPINION_KINDS: readonly string[] = ['opening', 'midterm'];

export function mayWriteReport(actors: ReadonlySet<ProjectActor>, kind: ReportKind): boolean {
  return REPORT_WRITERS[kind].some((a) => actors.has(a));
}

/** What the report needs to be judged: its kind, status and author. */
export interface ReportFacts {
  kind: ReportKind;
  status: string;
  authorId: string | null;
}

/** The caller's abilities on one report. */
export function reportAbilities(p: Principal, project: ProjectFacts, r: ReportFacts) {
  const actors = projectActors(p, project);
  return {
    edit:
      r.authorId === p.personId &&
      (r.status === 'submitted' || r.status === 'returned') &&
      REPORT_STAGES[r.kind].includes(project.stage),
    check: actors.has('school') && r.kind === 'monthly' && r.status === 'submitted',
    opinion: actors.has('manager') && OPINION_KINDS.includes(r.kind),
  };
}
