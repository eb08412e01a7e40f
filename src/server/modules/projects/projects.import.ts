import { z } from 'zod';
import { allows } from '../../access/access.js';
import type { Ctx } from '../../access/principal.js';
import type { Database } from '../../db/database.js';
import { newId, nowIso, toJson } from '../../db/dialect.js';
import type { OrgRow, ProjectRow } from '../../db/types.js';
import { conflict, forbidden, invalid, notFound } from '../../errors.js';
import { nameIndex, normalDate, type RowProblem, rowsRefused, splitNames, unknownValue } from '../../sheet-import.js';
import { assertSafeZip } from '../../storage/zip-guard.js';
import { writeAudit } from '../audit/audit.repo.js';
import { KIND_LABELS, PROJECT_KINDS } from '../calls/calls.schema.js';
import { OrgRepo } from '../orgs/orgs.repo.js';
import { PeopleRepo } from '../people/people.repo.js';
import { plainDate } from '../shared.schema.js';
import {
  fieldOf,
  IMPORT_STAGE_LABELS,
  type ImportKey,
  type ImportRow,
  PLAN_PERIODS,
  readProjectSheet,
} from './projects.import.xlsx.js';
import { ProjectRepo } from './projects.repo.js';
import { managerFor } from './projects.service.js';
import { GRADE_LABELS, LEVEL_LABELS, LEVELS, type Level, STAGE_LABELS, type Stage } from './projects.workflow.js';

export const projectImportQuery = z.object({ orgId: z.string().min(1).max(64) });
export const projectImportResult = z.object({ imported: z.number().int() });

const MAX_ROWS = 2000;

/** A label (or the key itself) → the key; '重点' finds 重点课题 and '青年' finds 青年教师专项. */
function byLabel<K extends string>(keys: readonly K[], labels: Readonly<Record<K, string>>, text: string) {
  const short = (label: string) => label.replace(/(课题|教师专项)$/, '');
  return keys.find((k) => k === text || labels[k] === text || short(labels[k]) === text);
}

const GRADES = ['excellent', 'good', 'pass'] as const;
const stageOf = (text: string): Stage | undefined =>
  Object.entries(IMPORT_STAGE_LABELS).find(
    ([label, s]) => label === text || STAGE_LABELS[s] === text || s === text,
  )?.[1];

type ProblemAt = (key: ImportKey, message: string) => void;

const unknown = unknownValue;

/** What one valid row becomes, before the school's manager org is known. */
type Planned = Omit<ProjectRow, 'holder_org_id' | 'manager_org_id'> & { members: string[]; levelKey: Level };

/** One row's own fields, parsed; problems are reported through `problem`. */
function parseRow(v: Record<ImportKey, string>, person: ReturnType<typeof nameIndex>, problem: ProblemAt) {
  if (!v.title) problem('title', '课题名称不能为空');
  else if (v.title.length > 200) problem('title', '课题名称不能超过 200 个字');
  const level = v.level ? byLabel<Level>(LEVELS, LEVEL_LABELS, v.level) : undefined;
  if (!level) problem('level', unknown('级别', v.level, Object.values(LEVEL_LABELS)));
  const kind = v.kind ? byLabel(PROJECT_KINDS, KIND_LABELS, v.kind) : undefined;
  if (!kind) problem('kind', unknown('类别', v.kind, Object.values(KIND_LABELS)));
  const period = v.planPeriod.replace(/[“”"‘’'\s]|规划$/g, '');
  if (v.planPeriod && !(PLAN_PERIODS as readonly string[]).includes(period))
    problem('planPeriod', unknown('规划期', v.planPeriod, PLAN_PERIODS));
  if (v.subject.length > 30) problem('subject', '学科不能超过 30 个字');
  const host = v.host ? person(v.host) : { problem: '主持人不能为空' };
  if ('problem' in host) problem('host', host.problem);
  const memberIds: string[] = [];
  for (const name of splitNames(v.members)) {
    const m = person(name);
    if ('problem' in m) problem('members', m.problem);
    else if (!memberIds.includes(m.id) && !('id' in host && host.id === m.id)) memberIds.push(m.id);
  }
  const startsOn = normalDate(v.startsOn);
  const endsOn = normalDate(v.endsOn);
  if (v.startsOn && !plainDate.safeParse(startsOn).success)
    problem('startsOn', `开始日期「${v.startsOn}」不是有效日期（如 2019-09-01）`);
  if (v.endsOn && !plainDate.safeParse(endsOn).success)
    problem('endsOn', `结束日期「${v.endsOn}」不是有效日期（如 2021-06-30）`);
  else if (v.startsOn && v.endsOn && endsOn < startsOn)
    problem('endsOn', `结束日期 ${endsOn} 早于开始日期 ${startsOn}`);
  const stage = v.stage ? stageOf(v.stage) : undefined;
  if (!stage) problem('stage', unknown('阶段', v.stage, Object.keys(IMPORT_STAGE_LABELS)));
  const grade = v.grade ? byLabel(GRADES, GRADE_LABELS, v.grade) : null;
  if (v.grade && !grade) problem('grade', unknown('结题等级', v.grade, Object.values(GRADE_LABELS)));
  else if (v.grade && stage && stage !== 'concluded')
    problem('grade', `只有「已结题」的课题可以填写结题等级（本行阶段为「${v.stage}」）`);
  if (!level || !kind || !stage || !('id' in host)) return null;
  return { level, kind, stage, hostId: host.id, memberIds, period, startsOn, endsOn, grade };
}

/**
 * Checks every row against the school's people and the projects already recorded; returns the
 * planned projects, or every problem found (nothing is planned when there is any).
 */
async function planRows(database: Database, school: OrgRow, rows: ImportRow[], ctx: Ctx, now: string) {
  const repo = new ProjectRepo(database.db);
  const person = nameIndex(await new PeopleRepo(database.db, database.kind).namesUnder(school.path));
  const takenNumbers = await repo.numbersTaken(rows.map((r) => r.values.number).filter(Boolean));
  const existing = new Set((await repo.titlesOfSchool(school.id)).map((p) => `${p.title}|${p.host_id}`));
  const seenNumber = new Map<string, number>();
  const seenTitle = new Map<string, number>();
  const problems: RowProblem[] = [];
  const planned: Planned[] = [];
  for (const { row, values: v } of rows) {
    const before = problems.length;
    const problem: ProblemAt = (key, message) => problems.push({ row, field: fieldOf(key), message });
    const r = parseRow(v, person, problem);
    if (v.number) {
      const first = seenNumber.get(v.number);
      if (first) problem('number', `立项编号 ${v.number} 与第 ${first} 行重复`);
      else seenNumber.set(v.number, row);
      if (takenNumbers.has(v.number)) problem('number', `立项编号 ${v.number} 已被系统中的其他课题使用`);
    }
    if (v.title && v.host) {
      const first = seenTitle.get(`${v.title}|${v.host}`);
      if (first) problem('title', `与第 ${first} 行重复（同一主持人的同名课题）`);
      else seenTitle.set(`${v.title}|${v.host}`, row);
      if (r && existing.has(`${v.title}|${r.hostId}`)) problem('title', `本校已有${v.host}主持的课题「${v.title}」`);
    }
    if (problems.length > before || !r) continue;
    planned.push({
      id: newId(),
      call_id: null,
      title: v.title,
      level: r.level,
      kind: r.kind,
      subject: v.subject || null,
      plan_period: r.period || null,
      org_id: school.id,
      host_id: r.hostId,
      stage: r.stage,
      number: v.number || null,
      rank: null,
      starts_on: r.startsOn || null,
      ends_on: r.endsOn || null,
      grade: r.grade ?? null,
      sections: toJson({ significance: '', goals: '', methods: '', steps: '' }),
      expected_outcomes: '[]',
      historic: 1,
      version: 1,
      created_by: ctx.principal.personId,
      created_at: now,
      updated_at: now,
      members: r.memberIds,
      levelKey: r.level,
    });
  }
  return { planned, problems };
}

/**
 * Imports a school's historic projects (SPEC §3.1) from the template: every row is checked
 * first; when any row is wrong nothing is written and every problem is listed with its row;
 * otherwise all projects go in one transaction with one audit entry. Historic projects carry no
 * transition (their past was not recorded here); their stage is the one the sheet states.
 */
export async function importProjects(database: Database, ctx: Ctx, orgId: string, data: Buffer) {
  const school = await new OrgRepo(database.db).byId(orgId);
  if (!school || !allows(ctx.principal, 'org.read', [school.path])) throw notFound('学校');
  if (!allows(ctx.principal, 'project.import', [school.path]))
    throw forbidden('只有本校教科室主任或上级教科研管理员可以导入历史课题');
  if (school.kind !== 'school') throw invalid('历史课题只能导入到学校');
  // A zip bomb is refused before exceljs inflates anything.
  assertSafeZip(data);
  let rows: ImportRow[];
  try {
    rows = await readProjectSheet(data);
  } catch {
    throw invalid('无法读取该文件，请使用下载的 .xlsx 模板', { rows: [] });
  }
  if (rows.length === 0) throw invalid('表格中没有可导入的数据行', { rows: [] });
  if (rows.length > MAX_ROWS) throw invalid(`一次最多导入 ${MAX_ROWS} 行`, { rows: [] });

  const now = nowIso();
  const { planned, problems } = await planRows(database, school, rows, ctx, now);
  if (problems.length > 0) {
    throw rowsRefused(problems);
  }
  await database.db.transaction().execute(async (trx) => {
    const repo = new ProjectRepo(trx);
    const numbers = planned.flatMap((p) => (p.number ? [p.number] : []));
    const taken = [...(await repo.numbersTaken(numbers))];
    if (taken.length > 0) throw conflict(`立项编号 ${taken.join('、')} 刚刚被其他课题使用，请刷新后重试`);
    const managers = new Map<string, string>();
    for (const { members, levelKey, ...p } of planned) {
      const manager = managers.get(levelKey) ?? (await managerFor(trx, school, levelKey, null));
      managers.set(levelKey, manager);
      // Approved long ago: the desk stayed at the managing office, as after an approval here.
      const row: ProjectRow = { ...p, holder_org_id: manager, manager_org_id: manager };
      await repo.insert(row, [
        { person_id: p.host_id, role: 'host' },
        ...members.map((m) => ({ person_id: m, role: 'member' })),
      ]);
    }
    await writeAudit(trx, {
      actorId: ctx.principal.personId,
      action: 'project.import',
      entity: 'org',
      entityId: school.id,
      orgId: school.id,
      after: {
        imported: planned.length,
        projects: planned.map((p) => ({ id: p.id, title: p.title, number: p.number, stage: p.stage })),
      },
      ip: ctx.ip,
    });
  });
  return { imported: planned.length };
}
