import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { conflict, invalid } from '../../errors.js';
import { schoolIdOf } from './activities.presenter.js';
import { ActivityRepo } from './activities.repo.js';
import { type ActivityKind, LESSON_KINDS, type PrepRecord } from './activities.schema.js';

/** The linked fields of an activity as they will be stored. */
export interface LinkFields {
  id: string;
  kind: ActivityKind;
  date: string;
  startsAt: string | null;
  endsAt: string | null;
  presenterId: string | null;
  projectId: string | null;
  /** Stage of the linked project (null without one). */
  projectStage: string | null;
  lessonId: string | null;
  reviewedActivityId: string | null;
  prep: PrepRecord | null;
}

/** An instant as stored: ISO in UTC (the API accepts any zone). */
export const utcInstant = (iso: string | null | undefined): string | null => (iso ? new Date(iso).toISOString() : null);

/** A research lesson can be recorded as held while its project runs (as in the lessons module). */
const LESSON_RECORD_STAGES: readonly string[] = ['approved', 'in_progress', 'midterm_passed', 'conclusion_requested'];

const bad = (field: string, message: string) => invalid(message, { fields: [{ field, message }] });

/**
 * Checks what an activity points at: times in order, an existing presenter, a 四定 lesson of the
 * linked project not yet held by another activity, a discussed lesson of the same school (评课议课
 * only), and the 四个统一 only on a 集体备课.
 */
export async function checkLinks(db: Kysely<DB>, l: LinkFields, schoolId: string): Promise<void> {
  const repo = new ActivityRepo(db);
  if (l.startsAt && l.endsAt && Date.parse(l.endsAt) < Date.parse(l.startsAt)) {
    throw bad('endsAt', '结束时间不能早于开始时间');
  }
  if (l.presenterId && !(await repo.person(l.presenterId))) throw bad('presenterId', '主讲人不存在');
  if (l.prep && l.kind !== 'collective_prep') throw bad('prep', '只有集体备课记录“四个统一”');
  if (l.lessonId) {
    if (!l.projectId) throw bad('lessonId', '请先选择研究课所属的课题');
    const lesson = await repo.lesson(l.lessonId);
    if (!lesson || lesson.project_id !== l.projectId) throw bad('lessonId', '该研究课不属于所选课题');
    if (lesson.activity_id && lesson.activity_id !== l.id) throw conflict('该研究课已由另一次活动记录为已开课');
    if (!LESSON_RECORD_STAGES.includes(l.projectStage ?? '')) throw conflict('课题当前阶段不能登记研究课');
  }
  if (l.reviewedActivityId) {
    if (l.kind !== 'lesson_review') throw bad('reviewedActivityId', '只有评课议课可以关联所评的课');
    if (l.reviewedActivityId === l.id) throw bad('reviewedActivityId', '不能关联自身');
    const reviewed = await repo.byId(l.reviewedActivityId);
    if (!reviewed || schoolIdOf(reviewed) !== schoolId) throw bad('reviewedActivityId', '所评的课不存在或不属于本校');
    if (!LESSON_KINDS.some((k) => k === reviewed.kind)) throw bad('reviewedActivityId', '所评的活动须为一节课');
  }
}
