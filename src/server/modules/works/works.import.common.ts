import type { Kysely } from 'kysely';
import { allows } from '../../access/access.js';
import type { Ctx } from '../../access/principal.js';
import type { Action } from '../../access/roles.js';
import type { Database } from '../../db/database.js';
import { newId } from '../../db/dialect.js';
import type { DB, OrgRow, WorkRow } from '../../db/types.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import { nameIndex, normalDate, splitNames, unknownValue } from '../../sheet-import.js';
import { assertSafeZip } from '../../storage/zip-guard.js';
import { OrgRepo } from '../orgs/orgs.repo.js';
import { PeopleRepo } from '../people/people.repo.js';
import { indexDoc } from '../search/search.index.js';
import { plainDate } from '../shared.schema.js';
import { WorksRepo } from './works.repo.js';
import { WORK_KIND_LABELS, WORK_KINDS, type WorkKind } from './works.schema.js';

/**
 * What the award and publication imports share: the work's own columns (题目, 类型, 作者, 校外作者, 学科, 字数),
 * how a row finds or makes its work, and the spellings of labels and dates a school's old sheets use.
 */
export type WorkCellKey = 'title' | 'kind' | 'authors' | 'outsideAuthors' | 'subject' | 'charCount' | 'project';

/** A label, the label without its last character (级/奖) or the key itself → the key. */
export function byLabel<K extends string>(keys: readonly K[], labels: Readonly<Record<K, string>>, text: string) {
  return keys.find((k) => k === text || labels[k] === text || labels[k].slice(0, -1) === text);
}

/** 2023-12-20 and its other spellings, or a month alone (2023-12, 2023年12月) as its first day. */
export function dayOrMonth(text: string): string {
  const day = normalDate(text);
  if (plainDate.safeParse(day).success) return day;
  const m = text.match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-01` : text;
}

/** The work a row names: its columns read, the authors found on the school's roster. */
export interface WorkCells {
  title: string;
  kind: WorkKind;
  subject: string | null;
  charCount: number | null;
  authorIds: string[];
  outsideNames: string[];
  /** The school's project named in 所属课题, if any. */
  projectId: string | null;
}

/** The school's projects by 立项编号 or exact title → their ids (a title shared by two asks for the number). */
export function projectIndex(projects: readonly { id: string; title: string; number: string | null }[]) {
  return (text: string): { id: string } | { problem: string } => {
    const byNumber = projects.filter((p) => p.number && p.number === text);
    if (byNumber.length === 1) return { id: byNumber[0].id };
    const byTitle = projects.filter((p) => p.title.trim() === text);
    if (byTitle.length === 1) return { id: byTitle[0].id };
    if (byTitle.length > 1) return { problem: `本校有 ${byTitle.length} 个题目为「${text}」的课题，请填写立项编号` };
    return { problem: `本校没有立项编号或题目为「${text}」的课题` };
  };
}

/** Who and what a work sheet's names point to: the school's roster and its projects. */
export interface SchoolIndex {
  person: ReturnType<typeof nameIndex>;
  project: ReturnType<typeof projectIndex>;
}

export async function schoolIndex(database: Database, school: OrgRow): Promise<SchoolIndex> {
  const [people, projects] = await Promise.all([
    new PeopleRepo(database.db, database.kind).namesUnder(school.path),
    new WorksRepo(database.db).projectsUnder(school.path),
  ]);
  return { person: nameIndex(people), project: projectIndex(projects) };
}

/**
 * Reads the work's columns of a row, reporting each problem through `problem`; null when any is wrong.
 * `defaultKind` fills an empty 类型 (a publication sheet lists papers).
 */
export function readWorkCells(
  v: Record<WorkCellKey, string>,
  { person, project }: SchoolIndex,
  problem: (key: WorkCellKey, message: string) => void,
  defaultKind?: WorkKind,
): WorkCells | null {
  let ok = true;
  const fail = (key: WorkCellKey, message: string) => {
    ok = false;
    problem(key, message);
  };
  if (!v.title) fail('title', '作品题目不能为空');
  else if (v.title.length > 200) fail('title', '作品题目不能超过 200 个字');
  const kind = v.kind ? byLabel(WORK_KINDS, WORK_KIND_LABELS, v.kind) : defaultKind;
  if (!kind) fail('kind', unknownValue('作品类型', v.kind, Object.values(WORK_KIND_LABELS)));
  const authorIds: string[] = [];
  const names = splitNames(v.authors);
  if (names.length === 0) fail('authors', '作者不能为空（本校教师的姓名）');
  for (const name of names) {
    const found = person(name);
    if ('problem' in found) fail('authors', found.problem);
    else if (authorIds.includes(found.id)) fail('authors', `作者「${name}」重复`);
    else authorIds.push(found.id);
  }
  const outsideNames = splitNames(v.outsideAuthors);
  if (outsideNames.some((n) => n.length > 50)) fail('outsideAuthors', '校外作者姓名不能超过 50 个字');
  if (v.subject.length > 30) fail('subject', '学科不能超过 30 个字');
  const chars = v.charCount.replace(/[,，\s]|字$/g, '');
  const charCount = chars ? Number(chars) : null;
  if (charCount !== null && !(Number.isInteger(charCount) && charCount > 0 && charCount <= 10_000_000))
    fail('charCount', `字数「${v.charCount}」应为正整数，如 3500`);
  let projectId: string | null = null;
  if (v.project) {
    const found = project(v.project);
    if ('problem' in found) fail('project', found.problem);
    else projectId = found.id;
  }
  if (!ok || !kind) return null;
  return { title: v.title, kind, subject: v.subject || null, charCount, authorIds, outsideNames, projectId };
}

/** The key that makes rows one work: title, kind and the whole author list. */
export const workKey = (w: Pick<WorkCells, 'title' | 'kind' | 'authorIds' | 'outsideNames'>) =>
  JSON.stringify([w.title, w.kind, w.authorIds, w.outsideNames]);

/**
 * Finds the work of a row inside one import's transaction: a work this import made for the same cells, or the
 * school's work of the same title and first author; otherwise `make` records a new one with its authors.
 */
export class WorkFinder {
  private readonly made = new Map<string, string>();
  private constructor(
    private readonly db: Kysely<DB>,
    private readonly school: OrgRow,
    private readonly byTitle: Map<string, string>,
  ) {}

  static async of(db: Kysely<DB>, school: OrgRow): Promise<WorkFinder> {
    const works = await new WorksRepo(db).firstAuthorsOfSchool(school.id);
    return new WorkFinder(db, school, new Map(works.map((w) => [`${w.title}|${w.person_id}`, w.id])));
  }

  /** How many works this import made. */
  get madeCount(): number {
    return this.made.size;
  }

  find(w: WorkCells): string | undefined {
    return this.made.get(workKey(w)) ?? this.byTitle.get(`${w.title}|${w.authorIds[0]}`);
  }

  /** Links the work to the row's project (a work found may already have other links; they stay). */
  async link(workId: string, w: WorkCells): Promise<void> {
    if (w.projectId) await new WorksRepo(this.db).addProjects(workId, [w.projectId]);
  }

  async make(w: WorkCells, ctx: Ctx, now: string): Promise<string> {
    const work: WorkRow = {
      id: newId(),
      org_id: this.school.id,
      kind: w.kind,
      title: w.title,
      subject: w.subject,
      char_count: w.charCount,
      abstract: '',
      written_on: null,
      created_by: ctx.principal.personId,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    const works = new WorksRepo(this.db);
    await works.insert(work);
    await works.setAuthors(work.id, [
      ...w.authorIds.map((personId) => ({ id: newId(), personId, outsideName: null })),
      ...w.outsideNames.map((outsideName) => ({ id: newId(), personId: null, outsideName })),
    ]);
    await indexDoc(this.db, 'work', work.id);
    this.made.set(workKey(w), work.id);
    await this.link(work.id, w);
    return work.id;
  }
}

const MAX_ROWS = 2000;

/**
 * The school an import goes into and the rows of its sheet: 404 outside the caller's scope, 403 without the
 * actions, 400 for a file that is not the template, an empty sheet or one over 2,000 rows.
 */
export async function importTarget<Row>(
  database: Database,
  ctx: Ctx,
  orgId: string,
  t: { actions: Action[]; refusal: string; what: string; data: Buffer; read: (data: Buffer) => Promise<Row[]> },
): Promise<{ school: OrgRow; rows: Row[] }> {
  const school = await new OrgRepo(database.db).byId(orgId);
  if (!school || !allows(ctx.principal, 'org.read', [school.path])) throw notFound('学校');
  if (!t.actions.every((action) => allows(ctx.principal, action, [school.path]))) throw forbidden(t.refusal);
  if (school.kind !== 'school') throw invalid(`${t.what}只能导入到学校`);
  assertSafeZip(t.data);
  let rows: Row[];
  try {
    rows = await t.read(t.data);
  } catch {
    throw invalid('无法读取该文件，请使用下载的 .xlsx 模板', { rows: [] });
  }
  if (rows.length === 0) throw invalid('表格中没有可导入的数据行', { rows: [] });
  if (rows.length > MAX_ROWS) throw invalid(`一次最多导入 ${MAX_ROWS} 行`, { rows: [] });
  return { school, rows };
}
