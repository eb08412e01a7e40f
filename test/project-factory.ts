import type { Database } from '../src/server/db/database.js';
import { newId, nowIso, toJson } from '../src/server/db/dialect.js';
import type { OrgRow } from '../src/server/db/types.js';

/** Options of a project inserted straight into the database (tests only). */
export interface ProjectOpts {
  title: string;
  /** The owning school. */
  school: OrgRow;
  hostId: string;
  stage: string;
  level?: 'school' | 'district' | 'city' | 'provincial' | 'national';
  kind?: string;
  subject?: string | null;
  /** The org that approves, reviews and concludes it. */
  manager?: OrgRow | null;
  /** The org whose desk the application is on (defaults to the manager). */
  holder?: OrgRow | null;
  members?: { personId: string; role?: string }[];
  sections?: Record<string, unknown>;
  expectedOutcomes?: { kind: string; count: number }[];
  /** 立项编号 */
  number?: string | null;
  startsOn?: string | null;
  endsOn?: string | null;
}

/** Builds research projects (课题) and their archive files straight into the database, for tests. */
export function projectFactory(database: Database) {
  const { db } = database;

  /** Valid worlds only: running stages get a number, concluded ones a grade, the host is a member. */
  async function project(o: ProjectOpts) {
    const id = newId();
    const now = nowIso();
    const numbered = [
      'approved',
      'in_progress',
      'midterm_passed',
      'conclusion_requested',
      'concluded',
      'not_passed',
      'terminated',
    ];
    const number = o.number === undefined && numbered.includes(o.stage) ? `TEST-${id.slice(-10)}` : (o.number ?? null);
    await db
      .insertInto('projects')
      .values({
        id,
        call_id: null,
        title: o.title,
        level: o.level ?? 'district',
        kind: o.kind ?? 'general',
        subject: o.subject ?? null,
        plan_period: null,
        org_id: o.school.id,
        host_id: o.hostId,
        stage: o.stage,
        holder_org_id: o.holder === undefined ? (o.manager?.id ?? null) : (o.holder?.id ?? null),
        manager_org_id: o.manager?.id ?? null,
        number,
        rank: null,
        starts_on: o.startsOn ?? null,
        ends_on: o.endsOn ?? null,
        grade: o.stage === 'concluded' ? 'good' : null,
        sections: toJson(o.sections ?? {}),
        expected_outcomes: toJson(o.expectedOutcomes ?? []),
        historic: 0,
        version: 1,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    let sort = 0;
    const members = [{ personId: o.hostId, role: 'host' }, ...(o.members ?? []).filter((m) => m.personId !== o.hostId)];
    for (const m of members) {
      await db
        .insertInto('project_members')
        .values({ project_id: id, person_id: m.personId, role: m.role ?? 'member', sort: sort++ })
        .execute();
    }
    return { id, title: o.title };
  }

  /** An archive-bag file row (no stored bytes behind it). */
  async function file(projectId: string, category: string, originalName: string) {
    const id = newId();
    await db
      .insertInto('project_files')
      .values({
        id,
        project_id: projectId,
        category,
        stage: null,
        original_name: originalName,
        storage_key: `test/${id}`,
        mime: 'application/octet-stream',
        size: 1,
        sha256: '0'.repeat(64),
        uploaded_by: null,
        created_at: nowIso(),
      })
      .execute();
    return { id };
  }

  return { project, file };
}
