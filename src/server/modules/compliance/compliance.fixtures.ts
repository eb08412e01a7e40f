import { factory } from '../../../../test/factories.js';
import type { Database } from '../../db/database.js';
import { newId, nowIso } from '../../db/dialect.js';

/** Test-only builders for the records compliance and assessment count (inserted straight into the database). */
export function complianceFixtures(database: Database) {
  const { db } = database;
  const now = nowIso();

  async function term(id: string, schoolYear: number, termNo: number, startsOn: string, endsOn: string) {
    await db
      .insertInto('terms')
      .values({
        id,
        school_year: schoolYear,
        term_no: termNo,
        name: `${schoolYear}学年第${termNo}学期`,
        starts_on: startsOn,
        ends_on: endsOn,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return { id, startsOn, endsOn };
  }

  async function observation(o: {
    orgId: string;
    observerId: string;
    teacherId: string;
    date: string;
    status?: string;
  }) {
    const id = newId();
    await db
      .insertInto('observations')
      .values({
        id,
        org_id: o.orgId,
        observer_id: o.observerId,
        teacher_id: o.teacherId,
        date: o.date,
        period: null,
        class_name: null,
        subject: '语文',
        topic: `听课${o.date}`,
        notes: '',
        scores: '{}',
        status: o.status ?? 'submitted',
        text_hash: null,
        version: 1,
        created_at: now,
        updated_at: now,
        submitted_at: o.status === 'draft' ? null : now,
      })
      .execute();
    return id;
  }

  const growth = (o: { personId: string; orgId: string; kind: string; date: string; text?: string }) =>
    factory(database).growth({
      ...o,
      url: o.kind === 'platform' ? 'https://blog.example.cn' : undefined,
      createdBy: o.personId,
    });

  async function activity(o: { orgId: string; presenterId: string; kind: string; date: string }) {
    const id = newId();
    await db
      .insertInto('activities')
      .values({
        id,
        org_id: o.orgId,
        kind: o.kind,
        title: `${o.kind}${o.date}`,
        topic: '',
        date: o.date,
        starts_at: null,
        ends_at: null,
        place: '',
        presenter_id: o.presenterId,
        project_id: null,
        lesson_id: null,
        reviewed_activity_id: null,
        record: '',
        prep: null,
        created_by: null,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  }

  /** A work with its authors (in order). */
  async function work(o: { orgId: string; title: string; kind?: string; authorIds: string[]; writtenOn?: string }) {
    const id = newId();
    await db
      .insertInto('works')
      .values({
        id,
        org_id: o.orgId,
        kind: o.kind ?? 'paper',
        title: o.title,
        subject: null,
        char_count: 4000,
        abstract: '',
        written_on: o.writtenOn ?? null,
        created_by: null,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    for (const [i, personId] of o.authorIds.entries()) {
      await db
        .insertInto('work_authors')
        .values({ id: newId(), work_id: id, position: i + 1, person_id: personId, outside_name: null })
        .execute();
    }
    return id;
  }

  async function entry(o: {
    workId: string;
    competitionId: string;
    enteredOn: string;
    status?: string;
    result?: string | null;
    resultOn?: string | null;
  }) {
    const id = newId();
    await db
      .insertInto('work_entries')
      .values({
        id,
        work_id: o.workId,
        competition_id: o.competitionId,
        edition_id: null,
        year: Number(o.enteredOn.slice(0, 4)),
        entered_on: o.enteredOn,
        status: o.status ?? (o.result ? 'awarded' : 'submitted'),
        result: o.result ?? null,
        result_on: o.resultOn ?? null,
        certificate_file: null,
        certificate_name: null,
        certificate_mime: null,
        certificate_size: null,
        decision_comment: null,
        decided_by: null,
        decided_at: null,
        entered_by: null,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  }

  async function publication(o: { workId: string; level: string; publishedOn: string }) {
    const id = newId();
    await db
      .insertInto('publications')
      .values({
        id,
        work_id: o.workId,
        journal: '江苏教育',
        level: o.level,
        issue: '2025年第12期',
        published_on: o.publishedOn,
        pages: '',
        created_by: null,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  }

  /** A project transition (立项 'approve', 结题 'conclude') at an instant. */
  async function transition(projectId: string, action: string, at: string) {
    await db
      .insertInto('project_transitions')
      .values({
        id: newId(),
        project_id: projectId,
        action,
        from_stage: 'in_review',
        to_stage: action === 'approve' ? 'approved' : 'concluded',
        actor_id: null,
        at,
        reason: null,
        details: null,
      })
      .execute();
  }

  return { term, observation, growth, activity, work, entry, publication, transition };
}
