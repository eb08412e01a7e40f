import type { Database } from '../src/server/db/database.js';
import { STAGES } from '../src/server/modules/projects/projects.workflow.js';

const NUMBERED = [
  'approved',
  'in_progress',
  'midterm_passed',
  'conclusion_requested',
  'concluded',
  'not_passed',
  'terminated',
];

/**
 * Facts that must hold in any database the API has touched (HotCRP-style invariant check).
 * Returns the violations, one sentence each; an empty list means all is well.
 */
export async function invariantViolations(database: Database): Promise<string[]> {
  const { db } = database;
  const out: string[] = [];
  const projects = await db
    .selectFrom('projects')
    .select(['id', 'title', 'stage', 'number', 'grade', 'historic', 'host_id'])
    .execute();
  const members = await db.selectFrom('project_members').select(['project_id', 'person_id', 'role']).execute();
  const lastTransitions = await db
    .selectFrom('project_transitions')
    .select(['project_id', 'to_stage', 'at', 'id'])
    .orderBy('at')
    .orderBy('id')
    .execute();
  const last = new Map(lastTransitions.map((t) => [t.project_id, t.to_stage]));
  for (const p of projects) {
    if (!(STAGES as readonly string[]).includes(p.stage)) out.push(`project ${p.id} has unknown stage ${p.stage}`);
    if (p.historic === 0 && NUMBERED.includes(p.stage) && !p.number)
      out.push(`approved project ${p.id} (${p.stage}) has no number`);
    if (p.stage === 'concluded' && p.historic === 0 && !p.grade) out.push(`concluded project ${p.id} has no grade`);
    if (p.grade && p.stage !== 'concluded') out.push(`project ${p.id} has a grade but is ${p.stage}`);
    const hosts = members.filter((m) => m.project_id === p.id && m.role === 'host');
    if (hosts.length !== 1 || hosts[0].person_id !== p.host_id)
      out.push(`project ${p.id} does not list its host exactly once as host`);
    const t = last.get(p.id);
    if (t && t !== p.stage) out.push(`project ${p.id} is ${p.stage} but its last transition went to ${t}`);
  }
  const assignments = await db.selectFrom('review_assignments').selectAll().execute();
  const roundProjects = await db.selectFrom('review_round_projects').select(['round_id', 'project_id']).execute();
  const roundExperts = await db.selectFrom('review_round_experts').select(['round_id', 'expert_id']).execute();
  for (const a of assignments) {
    if (!roundProjects.some((r) => r.round_id === a.round_id && r.project_id === a.project_id))
      out.push(`assignment ${a.id} is for a project outside its round`);
    if (!roundExperts.some((r) => r.round_id === a.round_id && r.expert_id === a.expert_id))
      out.push(`assignment ${a.id} is for an expert outside its round`);
    if ((a.scores === null) !== (a.submitted_at === null))
      out.push(`assignment ${a.id} has scores without a submission time or the reverse`);
  }
  const monthly = await db
    .selectFrom('project_reports')
    .select(['project_id', 'month'])
    .where('kind', '=', 'monthly')
    .execute();
  const seen = new Set<string>();
  for (const r of monthly) {
    const key = `${r.project_id}|${r.month}`;
    if (seen.has(key)) out.push(`two monthly reports for ${key}`);
    seen.add(key);
  }
  const accounts = await db.selectFrom('accounts').select(['username']).execute();
  for (const a of accounts)
    if (a.username !== a.username.toLowerCase()) out.push(`username ${a.username} is not stored lower-case`);
  return out;
}
