import { z } from 'zod';
import type { Ctx } from '../../access/principal.js';
import type { Database } from '../../db/database.js';
import { newId, nowIso } from '../../db/dialect.js';
import type { StudentAwardRow } from '../../db/types.js';
import { nameIndex, type RowProblem, rowsRefused, unknownValue } from '../../sheet-import.js';
import { writeAudit } from '../audit/audit.repo.js';
import { PeopleRepo } from '../people/people.repo.js';
import { LEVELS, type Level } from '../projects/projects.workflow.js';
import { plainDate } from '../shared.schema.js';
import {
  readStudentAwardSheet,
  type StudentAwardImportKey,
  type StudentAwardImportRow,
  studentAwardField,
} from './student-awards.import.xlsx.js';
import { StudentAwardsRepo } from './student-awards.repo.js';
import { byLabel, dayOrMonth, importTarget } from './works.import.common.js';
import { LEVEL_LABELS, RESULT_LABELS, RESULTS, type WorkResult } from './works.schema.js';

export const studentAwardImportQuery = z.object({ orgId: z.string().min(1).max(64) });
export const studentAwardImportResult = z.object({ imported: z.number().int() });

/** One valid row, read. */
interface Award {
  row: number;
  personId: string;
  student: string;
  className: string | null;
  competition: string;
  title: string;
  level: Level;
  result: WorkResult;
  awardedOn: string;
}

/** What makes two records one award: teacher, student, competition and date. */
const sameKey = (a: Pick<Award, 'personId' | 'student' | 'competition' | 'awardedOn'>) =>
  JSON.stringify([a.personId, a.student, a.competition, a.awardedOn]);

function parseRow(
  row: number,
  v: Record<StudentAwardImportKey, string>,
  person: ReturnType<typeof nameIndex>,
  problem: (key: StudentAwardImportKey, message: string) => void,
): Award | null {
  let ok = true;
  const fail = (key: StudentAwardImportKey, message: string) => {
    ok = false;
    problem(key, message);
  };
  let personId = '';
  if (!v.teacher) fail('teacher', '指导教师不能为空（本校教师的姓名）');
  else {
    const found = person(v.teacher);
    if ('problem' in found) fail('teacher', found.problem);
    else personId = found.id;
  }
  if (!v.student) fail('student', '学生姓名不能为空');
  else if (v.student.length > 50) fail('student', '学生姓名不能超过 50 个字');
  if (v.className.length > 50) fail('className', '班级不能超过 50 个字');
  if (!v.competition) fail('competition', '比赛名称不能为空');
  else if (v.competition.length > 200) fail('competition', '比赛名称不能超过 200 个字');
  if (v.title.length > 300) fail('title', '作品或项目不能超过 300 个字');
  const level = v.level ? byLabel<Level>(LEVELS, LEVEL_LABELS, v.level) : undefined;
  if (!level) fail('level', unknownValue('级别', v.level, Object.values(LEVEL_LABELS)));
  const result = v.result ? byLabel(RESULTS, RESULT_LABELS, v.result) : undefined;
  if (!result) fail('result', unknownValue('获奖等第', v.result, Object.values(RESULT_LABELS)));
  const awardedOn = dayOrMonth(v.awardedOn);
  if (!v.awardedOn) fail('awardedOn', '获奖日期不能为空（如 2023-12-20，或 2023-12）');
  else if (!plainDate.safeParse(awardedOn).success)
    fail('awardedOn', `获奖日期「${v.awardedOn}」不是有效日期（如 2023-12-20，或 2023-12）`);
  if (!ok || !level || !result) return null;
  return {
    row,
    personId,
    student: v.student,
    className: v.className || null,
    competition: v.competition,
    title: v.title,
    level,
    result,
    awardedOn,
  };
}

/**
 * Imports a school's past student-guidance awards (指导学生获奖, SPEC §6) from the template: every row is checked
 * first — against the roster, the sheet's other rows and the awards already recorded — and when any is wrong
 * nothing is written and every problem is listed with its row. Otherwise all in one transaction, one audit entry.
 */
export async function importStudentAwards(database: Database, ctx: Ctx, orgId: string, data: Buffer) {
  const { school, rows } = await importTarget<StudentAwardImportRow>(database, ctx, orgId, {
    actions: ['work.manage'],
    refusal: '只有本校教科室主任或上级教科研管理员可以导入指导学生获奖',
    what: '指导学生获奖',
    data,
    read: readStudentAwardSheet,
  });
  const person = nameIndex(await new PeopleRepo(database.db, database.kind).namesUnder(school.path));
  const problems: RowProblem[] = [];
  const awards: Award[] = [];
  const seen = new Map<string, number>();
  for (const { row, values } of rows) {
    const before = problems.length;
    const a = parseRow(row, values, person, (key, message) =>
      problems.push({ row, field: studentAwardField(key), message }),
    );
    if (problems.length > before || !a) continue;
    const first = seen.get(sameKey(a));
    if (first) {
      problems.push({ row, field: studentAwardField('competition'), message: `与第 ${first} 行重复` });
      continue;
    }
    seen.set(sameKey(a), row);
    awards.push(a);
  }
  if (problems.length > 0) throw rowsRefused(problems);

  return database.db.transaction().execute(async (trx) => {
    const repo = new StudentAwardsRepo(trx);
    const recorded = await repo.keysOfOrg(school.id);
    const known = new Set(
      recorded.map((r) =>
        sameKey({
          personId: r.person_id,
          student: r.student_name,
          competition: r.competition,
          awardedOn: r.awarded_on,
        }),
      ),
    );
    const twice = awards.filter((a) => known.has(sameKey(a)));
    if (twice.length > 0) {
      throw rowsRefused(
        twice.map((a) => ({
          row: a.row,
          field: studentAwardField('competition'),
          message: `该奖项已登记过（${a.student}，${a.competition}，${a.awardedOn}）`,
        })),
      );
    }
    const now = nowIso();
    const ids: string[] = [];
    for (const a of awards) {
      const row: StudentAwardRow = {
        id: newId(),
        person_id: a.personId,
        org_id: school.id,
        student_name: a.student,
        class_name: a.className,
        competition: a.competition,
        title: a.title,
        level: a.level,
        result: a.result,
        awarded_on: a.awardedOn,
        created_by: ctx.principal.personId,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      await repo.insert(row);
      ids.push(row.id);
    }
    await writeAudit(trx, {
      actorId: ctx.principal.personId,
      action: 'student_award.import',
      entity: 'org',
      entityId: school.id,
      orgId: school.id,
      after: { imported: ids.length, ids },
      ip: ctx.ip,
    });
    return { imported: ids.length };
  });
}
