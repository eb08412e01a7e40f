import type { Kysely } from 'kysely';
import type { Principal } from '../../access/principal.js';
import { canReadProject, type ProjectFacts } from '../../access/projects.policy.js';
import { groupBy } from '../../concurrency.js';
import type { DB, ProjectRow } from '../../db/types.js';
import { notFound } from '../../errors.js';

/** A project row with the facts the policy needs. */
export type ProjectWithFacts = ProjectRow & { facts: ProjectFacts };

type RowWithPaths = ProjectRow & { school_path: string; holder_path: string | null; manager_path: string | null };

/** The policy facts of one project row (with its orgs' paths) and its members' ids. */
export function factsOf(row: RowWithPaths, memberIds: string[]): ProjectFacts {
  return {
    stage: row.stage,
    hostId: row.host_id,
    memberIds,
    schoolPath: row.school_path,
    holderPath: row.holder_path,
    managerPath: row.manager_path,
  };
}

/** Projects (with their orgs' paths) and their members → the rows with the facts the policy needs. */
export function withFacts(
  rows: readonly RowWithPaths[],
  members: readonly { project_id: string; person_id: string }[],
): Map<string, ProjectWithFacts> {
  const membersOf = groupBy(members, (m) => m.project_id);
  const out = new Map<string, ProjectWithFacts>();
  for (const r of rows) {
    const { school_path: _school, holder_path: _holder, manager_path: _manager, ...row } = r;
    out.set(r.id, {
      ...row,
      facts: factsOf(
        r,
        (membersOf.get(r.id) ?? []).map((m) => m.person_id),
      ),
    });
  }
  return out;
}

/** Loads projects and their policy facts for a set of ids, in two queries. */
export async function loadProjectFacts(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, ProjectWithFacts>> {
  if (ids.length === 0) return new Map();
  const [rows, members] = await Promise.all([
    db
      .selectFrom('projects')
      .innerJoin('orgs as school', 'school.id', 'projects.org_id')
      .leftJoin('orgs as holder', 'holder.id', 'projects.holder_org_id')
      .leftJoin('orgs as manager', 'manager.id', 'projects.manager_org_id')
      .selectAll('projects')
      .select(['school.path as school_path', 'holder.path as holder_path', 'manager.path as manager_path'])
      .where('projects.id', 'in', ids)
      .execute(),
    db.selectFrom('project_members').select(['project_id', 'person_id']).where('project_id', 'in', ids).execute(),
  ]);
  return withFacts(rows, members);
}

/**
 * The one entry for every project sub-resource (reports, files, outputs, exports): the project
 * when the principal may read it, otherwise not_found (existence is not disclosed).
 */
export async function requireReadableProject(
  db: Kysely<DB>,
  principal: Principal,
  id: string,
): Promise<ProjectWithFacts> {
  const p = (await loadProjectFacts(db, [id])).get(id);
  if (!p || !canReadProject(principal, p.facts)) throw notFound('课题');
  return p;
}
