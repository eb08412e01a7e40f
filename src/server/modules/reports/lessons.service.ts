import type { Kysely } from 'kysely';
import type { Ctx, Principal } from '../../access/principal.js';
import { type ProjectFacts, projectActors } from '../../access/projects.policy.js';
import type { Database } from '../../db/database.js';
import { newId, nowIso } from '../../db/dialect.js';
import type { DB } from '../../db/types.js';
import { conflict, forbidden, invalid, notFound, staleVersion } from '../../errors.js';
import { writeAudit } from '../audit/audit.repo.js';
import { type ProjectWithFacts, requireReadableProject } from '../projects/projects.access.js';
import { STAGE_LABELS } from '../projects/projects.workflow.js';
import { presentLesson } from './reports.presenter.js';
import { type LessonRow, ReportRepo } from './reports.repo.js';
import type { CreateLesson, LessonDto, UpdateLesson } from './reports.schema.js';

const stageLabels: Readonly<Record<string, string>> = STAGE_LABELS;
/** Lessons are planned while the project runs, and recorded as held until it concludes. */
const PLAN_STAGES: readonly string[] = ['approved', 'in_progress', 'midterm_passed'];
const RECORD_STAGES: readonly string[] = [...PLAN_STAGES, 'conclusion_requested'];

/** Whether the caller may plan and edit the project's research lessons: host, member or school director. */
export function mayEditLessons(p: Principal, f: ProjectFacts, stages = RECORD_STAGES): boolean {
  const actors = projectActors(p, f);
  return (actors.has('host') || actors.has('member') || actors.has('school')) && stages.includes(f.stage);
}

function requireEditable(p: Principal, project: ProjectWithFacts, stages: readonly string[]) {
  if (mayEditLessons(p, project.facts, stages)) return;
  if (mayEditLessons(p, { ...project.facts, stage: stages[0] }, stages)) {
    throw conflict(`课题处于「${stageLabels[project.stage] ?? project.stage}」阶段，不能安排研究课`);
  }
  throw forbidden('只有课题主持人、成员或教科室主任可以安排研究课');
}

/** The teacher of a lesson (定人) must be on the project. */
function requireOnProject(f: ProjectFacts, teacherId: string) {
  if (teacherId !== f.hostId && !f.memberIds.includes(teacherId)) {
    throw invalid('执教教师须为课题主持人或成员', { fields: [{ field: 'teacherId', message: '不是课题组成员' }] });
  }
}

/** Research lessons (课题研究课) planned with the 四定: who, when, what, which form. */
export class LessonService {
  constructor(private readonly database: Database) {}

  async list(ctx: Ctx, projectId: string) {
    const { db } = this.database;
    const p = await requireReadableProject(db, ctx.principal, projectId);
    const canEdit = mayEditLessons(ctx.principal, p.facts);
    const items = (await new ReportRepo(db).lessons(projectId)).map((r) => presentLesson(r, canEdit));
    return { items, total: items.length };
  }

  private async load(db: Kysely<DB>, ctx: Ctx, p: ProjectWithFacts, id: string): Promise<LessonDto> {
    const row = await new ReportRepo(db).lesson(p.id, id);
    if (!row) throw notFound('研究课');
    return presentLesson(row, mayEditLessons(ctx.principal, p.facts));
  }

  async get(ctx: Ctx, projectId: string, lessonId: string): Promise<LessonDto> {
    const { db } = this.database;
    return this.load(db, ctx, await requireReadableProject(db, ctx.principal, projectId), lessonId);
  }

  async create(ctx: Ctx, projectId: string, body: CreateLesson): Promise<LessonDto> {
    return this.database.db.transaction().execute(async (trx) => {
      const p = await requireReadableProject(trx, ctx.principal, projectId);
      requireEditable(ctx.principal, p, PLAN_STAGES);
      requireOnProject(p.facts, body.teacherId);
      const row: LessonRow = {
        id: newId(),
        project_id: projectId,
        teacher_id: body.teacherId,
        planned_on: body.plannedOn,
        content: body.content,
        form: body.form,
        activity_id: null,
        held_on: null,
        version: 1,
        created_at: nowIso(),
      };
      await new ReportRepo(trx).insertLesson(row);
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'project.lesson.create',
        entity: 'research_lesson',
        entityId: row.id,
        orgId: p.org_id,
        after: row,
        ip: ctx.ip,
      });
      return this.load(trx, ctx, p, row.id);
    });
  }

  /** Edits the plan, or records that the lesson was held (and the activity that records it). */
  async update(ctx: Ctx, projectId: string, lessonId: string, body: UpdateLesson): Promise<LessonDto> {
    return this.database.db.transaction().execute(async (trx) => {
      const p = await requireReadableProject(trx, ctx.principal, projectId);
      const repo = new ReportRepo(trx);
      const before = await repo.lesson(projectId, lessonId);
      if (!before) throw notFound('研究课');
      requireEditable(ctx.principal, p, RECORD_STAGES);
      if (body.teacherId) requireOnProject(p.facts, body.teacherId);
      const patch: Partial<LessonRow> = {};
      if (body.teacherId) patch.teacher_id = body.teacherId;
      if (body.plannedOn) patch.planned_on = body.plannedOn;
      if (body.content) patch.content = body.content;
      if (body.form) patch.form = body.form;
      if (body.heldOn !== undefined) patch.held_on = body.heldOn;
      if (body.activityId !== undefined) patch.activity_id = body.activityId;
      if (!(await repo.updateLesson(lessonId, body.version, patch))) throw staleVersion();
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'project.lesson.update',
        entity: 'research_lesson',
        entityId: lessonId,
        orgId: p.org_id,
        before,
        after: patch,
        ip: ctx.ip,
      });
      return this.load(trx, ctx, p, lessonId);
    });
  }
}
