import type { Kysely } from 'kysely';
import { z } from 'zod';
import { allows } from '../../access/access.js';
import type { Ctx } from '../../access/principal.js';
import type { Database } from '../../db/database.js';
import { newId, nowIso, toJson } from '../../db/dialect.js';
import type { CompetitionRow, DB, OrgRow, WorkEntryRow, WorkRow } from '../../db/types.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import { nameIndex, normalDate, type RowProblem, rowsRefused, splitNames, unknownValue } from '../../sheet-import.js';
import { assertSafeZip } from '../../storage/zip-guard.js';
import { writeAudit } from '../audit/audit.repo.js';
import { OrgRepo } from '../orgs/orgs.repo.js';
import { PeopleRepo } from '../people/people.repo.js';
import { LEVELS, type Level } from '../projects/projects.workflow.js';
import { indexDoc } from '../search/search.index.js';
import { plainDate } from '../shared.schema.js';
import { CompetitionsRepo } from './competitions.repo.js';
import { EntriesRepo } from './entries.repo.js';
import { type AwardImportKey, type AwardImportRow, awardField, readAwardSheet } from './works.import.xlsx.js';
import { WorksRepo } from './works.repo.js';
import {
  LEVEL_LABELS,
  RESULT_LABELS,
  RESULTS,
  WORK_KIND_LABELS,
  WORK_KINDS,
  type WorkKind,
  type WorkResult,
} from './works.schema.js';

export const awardImportQuery = z.object({ orgId: z.string().min(1).max(64) });
export const awardImportResult = z.object({
  /** Awards recorded (one per row). */
  imported: z.number().int(),
  /** Works created for them (rows of one work share it; awards of works already here join them). */
  works: z.number().int(),
  /** Competitions the catalogue did not have, created for the school. */
  competitions: z.number().int(),
  /** Their names with their level, as 蓝天杯（市级）: a misspelt name shows here. */
  newCompetitions: z.array(z.string()),
});

const MAX_ROWS = 2000;

/** A label, the label without its last character (级/奖) or the key itself → the key. */
function byLabel<K extends string>(keys: readonly K[], labels: Readonly<Record<K, string>>, text: string) {
  return keys.find((k) => k === text || labels[k] === text || labels[k].slice(0, -1) === text);
}

/** 2023-12-20 and its other spellings, or a month alone (2023-12, 2023年12月) as its first day. */
function awardDate(text: string): string {
  const day = normalDate(text);
  if (plainDate.safeParse(day).success) return day;
  const m = text.match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-01` : text;
}

/** One valid row, read. */
interface Award {
  row: number;
  title: string;
  kind: WorkKind;
  subject: string | null;
  charCount: number | null;
  authorIds: string[];
  outsideNames: string[];
  competition: { name: string; level: Level; organiser: string };
  year: number;
  result: WorkResult;
  resultOn: string;
}

type ProblemAt = (key: AwardImportKey, message: string) => void;

function parseRow(v: Record<AwardImportKey, string>, person: ReturnType<typeof nameIndex>, problem: ProblemAt) {
  if (!v.title) problem('title', '作品题目不能为空');
  else if (v.title.length > 200) problem('title', '作品题目不能超过 200 个字');
  const kind = v.kind ? byLabel(WORK_KINDS, WORK_KIND_LABELS, v.kind) : undefined;
  if (!kind) problem('kind', unknownValue('作品类型', v.kind, Object.values(WORK_KIND_LABELS)));
  const authorIds: string[] = [];
  const names = splitNames(v.authors);
  if (names.length === 0) problem('authors', '作者不能为空（本校教师的姓名）');
  for (const name of names) {
    const found = person(name);
    if ('problem' in found) problem('authors', found.problem);
    else if (authorIds.includes(found.id)) problem('authors', `作者「${name}」重复`);
    else authorIds.push(found.id);
  }
  const outsideNames = splitNames(v.outsideAuthors);
  if (outsideNames.some((n) => n.length > 50)) problem('outsideAuthors', '校外作者姓名不能超过 50 个字');
  if (v.subject.length > 30) problem('subject', '学科不能超过 30 个字');
  const chars = v.charCount.replace(/[,，\s]|字$/g, '');
  const charCount = chars ? Number(chars) : null;
  if (charCount !== null && !(Number.isInteger(charCount) && charCount > 0 && charCount <= 10_000_000))
    problem('charCount', `字数「${v.charCount}」应为正整数，如 3500`);
  if (!v.competition) problem('competition', '评比名称不能为空，如 师陶杯');
  else if (v.competition.length > 100) problem('competition', '评比名称不能超过 100 个字');
  const level = v.level ? byLabel<Level>(LEVELS, LEVEL_LABELS, v.level) : undefined;
  if (!level) problem('level', unknownValue('评比级别', v.level, Object.values(LEVEL_LABELS)));
  if (v.organiser.length > 100) problem('organiser', '主办单位不能超过 100 个字');
  const result = v.result ? byLabel(RESULTS, RESULT_LABELS, v.result) : undefined;
  if (!result) problem('result', unknownValue('获奖等第', v.result, Object.values(RESULT_LABELS)));
  const resultOn = awardDate(v.resultOn);
  const dated = plainDate.safeParse(resultOn).success;
  if (!v.resultOn) problem('resultOn', '获奖日期不能为空（如 2023-12-20，或 2023-12）');
  else if (!dated) problem('resultOn', `获奖日期「${v.resultOn}」不是有效日期（如 2023-12-20，或 2023-12）`);
  const year = v.year ? Number(v.year.replace(/年(度)?$/, '')) : dated ? Number(resultOn.slice(0, 4)) : Number.NaN;
  if (v.year && !(Number.isInteger(year) && year >= 1950 && year <= 2100))
    problem('year', `年度「${v.year}」应为四位年份，如 2023`);
  if (!v.title || v.title.length > 200 || !kind || !level || !result || !dated || authorIds.length !== names.length)
    return null;
  if (!(Number.isInteger(year) && year >= 1950 && year <= 2100)) return null;
  return { kind, level, result, resultOn, year, authorIds, outsideNames, charCount };
}

/** The key that makes rows one work: title, kind and the whole author list. */
const workKey = (a: Pick<Award, 'title' | 'kind' | 'authorIds' | 'outsideNames'>) =>
  JSON.stringify([a.title, a.kind, a.authorIds, a.outsideNames]);
const competitionKey = (name: string, level: string) => `${level}|${name}`;

/**
 * Checks every row against the school's people and the awards already recorded; returns the
 * awards, or every problem found.
 */
async function planRows(database: Database, school: OrgRow, rows: AwardImportRow[]) {
  const person = nameIndex(await new PeopleRepo(database.db, database.kind).namesUnder(school.path));
  const problems: RowProblem[] = [];
  const awards: Award[] = [];
  const seen = new Map<string, number>();
  for (const { row, values: v } of rows) {
    const before = problems.length;
    const problem: ProblemAt = (key, message) => problems.push({ row, field: awardField(key), message });
    const r = parseRow(v, person, problem);
    if (problems.length > before || !r) continue;
    const award: Award = {
      row,
      title: v.title,
      kind: r.kind,
      subject: v.subject || null,
      charCount: r.charCount,
      authorIds: r.authorIds,
      outsideNames: r.outsideNames,
      competition: { name: v.competition, level: r.level, organiser: v.organiser },
      year: r.year,
      result: r.result,
      resultOn: r.resultOn,
    };
    const same = `${workKey(award)}|${competitionKey(v.competition, r.level)}|${r.year}`;
    const first = seen.get(same);
    if (first) problem('competition', `与第 ${first} 行重复（同一作品在同一评比同一年度的奖项）`);
    else seen.set(same, row);
    if (problems.length === before) awards.push(award);
  }
  return { awards, problems };
}

/** The school's works by title and first author, and the competitions and years each already has an award in. */
async function recorded(db: Kysely<DB>, schoolId: string) {
  const works = await new WorksRepo(db).firstAuthorsOfSchool(schoolId);
  const byTitle = new Map(works.map((w) => [`${w.title}|${w.person_id}`, w.id]));
  const entries = await new EntriesRepo(db).competitionYearsOfSchool(schoolId);
  const awarded = new Set(entries.map((e) => `${e.work_id}|${e.competition_id}|${Number(e.year)}`));
  return { byTitle, awarded };
}

/**
 * Imports a school's past awards (获奖登记表, SPEC §9) from the template: every row is checked first;
 * when any is wrong nothing is written and every problem is listed with its row. Otherwise, in one
 * transaction with one audit entry: the rows of one work become one work (or join the school's
 * work of the same title and first author), each row an awarded entry, and competitions the catalogue
 * lacks are created for the school.
 */
export async function importAwards(database: Database, ctx: Ctx, orgId: string, data: Buffer) {
  const school = await new OrgRepo(database.db).byId(orgId);
  if (!school || !allows(ctx.principal, 'org.read', [school.path])) throw notFound('学校');
  if (
    !allows(ctx.principal, 'work.manage', [school.path]) ||
    !allows(ctx.principal, 'competition.manage', [school.path])
  )
    throw forbidden('只有本校教科室主任或上级教科研管理员可以导入历史获奖');
  if (school.kind !== 'school') throw invalid('历史获奖只能导入到学校');
  assertSafeZip(data);
  let rows: AwardImportRow[];
  try {
    rows = await readAwardSheet(data);
  } catch {
    throw invalid('无法读取该文件，请使用下载的 .xlsx 模板', { rows: [] });
  }
  if (rows.length === 0) throw invalid('表格中没有可导入的数据行', { rows: [] });
  if (rows.length > MAX_ROWS) throw invalid(`一次最多导入 ${MAX_ROWS} 行`, { rows: [] });

  const { awards, problems } = await planRows(database, school, rows);
  if (problems.length > 0) {
    throw rowsRefused(problems);
  }

  return database.db.transaction().execute(async (trx) => {
    const now = nowIso();
    const { byTitle, awarded } = await recorded(trx, school.id);
    const comps = new CompetitionsRepo(trx, database.kind);
    const chain = school.path.split('/').filter(Boolean);
    const catalogue = new Map<string, CompetitionRow>();
    // Nearest owner wins: built-in first, then each org down the chain to the school overwrites.
    const owners = new Map(chain.map((id, depth) => [id, depth]));
    const known = (await comps.list({ orgIds: chain, prefixes: [] })).sort(
      (a, b) => (a.org_id ? (owners.get(a.org_id) ?? -1) : -1) - (b.org_id ? (owners.get(b.org_id) ?? -1) : -1),
    );
    for (const c of known) catalogue.set(competitionKey(c.name, c.level), c);

    const works = new WorksRepo(trx);
    const entries = new EntriesRepo(trx);
    const madeWorks = new Map<string, string>();
    const createdCompetitions: CompetitionRow[] = [];
    const recordedEntries: { row: number; workId: string; entryId: string }[] = [];
    const conflicts: RowProblem[] = [];
    for (const a of awards) {
      const key = competitionKey(a.competition.name, a.competition.level);
      let competition = catalogue.get(key);
      if (!competition) {
        competition = {
          id: newId(),
          org_id: school.id,
          name: a.competition.name,
          level: a.competition.level,
          organiser: a.competition.organiser,
          description: '导入历史获奖时新建',
          work_kinds: toJson([]),
          active: 1,
          version: 1,
          created_at: now,
          updated_at: now,
        };
        await comps.insert(competition);
        catalogue.set(key, competition);
        createdCompetitions.push(competition);
      }
      const firstAuthor = a.authorIds[0];
      let workId = madeWorks.get(workKey(a)) ?? byTitle.get(`${a.title}|${firstAuthor}`);
      if (workId && awarded.has(`${workId}|${competition.id}|${a.year}`)) {
        conflicts.push({
          row: a.row,
          field: awardField('competition'),
          message: `该作品已有「${a.competition.name}」${a.year} 年度的参评记录，请在作品页的参评记录中登记获奖结果`,
        });
        continue;
      }
      if (!workId) {
        const work: WorkRow = {
          id: newId(),
          org_id: school.id,
          kind: a.kind,
          title: a.title,
          subject: a.subject,
          char_count: a.charCount,
          abstract: '',
          written_on: null,
          created_by: ctx.principal.personId,
          version: 1,
          created_at: now,
          updated_at: now,
        };
        await works.insert(work);
        await works.setAuthors(work.id, [
          ...a.authorIds.map((personId) => ({ id: newId(), personId, outsideName: null })),
          ...a.outsideNames.map((outsideName) => ({ id: newId(), personId: null, outsideName })),
        ]);
        await indexDoc(trx, 'work', work.id);
        workId = work.id;
        madeWorks.set(workKey(a), workId);
      }
      const entry: WorkEntryRow = {
        id: newId(),
        work_id: workId,
        competition_id: competition.id,
        edition_id: null,
        year: a.year,
        entered_on: a.resultOn,
        status: 'awarded',
        result: a.result,
        result_on: a.resultOn,
        certificate_file: null,
        certificate_name: null,
        certificate_mime: null,
        certificate_size: null,
        decision_comment: null,
        decided_by: null,
        decided_at: null,
        entered_by: ctx.principal.personId,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      await entries.insert(entry);
      awarded.add(`${workId}|${competition.id}|${a.year}`);
      recordedEntries.push({ row: a.row, workId, entryId: entry.id });
    }
    // Awards already recorded here are found only now (their work is matched by title and first author):
    // the whole sheet is refused, as for any other row error.
    if (conflicts.length > 0) {
      throw rowsRefused(conflicts);
    }
    await writeAudit(trx, {
      actorId: ctx.principal.personId,
      action: 'work.import',
      entity: 'org',
      entityId: school.id,
      orgId: school.id,
      after: {
        imported: recordedEntries.length,
        works: madeWorks.size,
        competitions: createdCompetitions.map((c) => ({ id: c.id, name: c.name, level: c.level })),
        entries: recordedEntries,
      },
      ip: ctx.ip,
    });
    return {
      imported: recordedEntries.length,
      works: madeWorks.size,
      competitions: createdCompetitions.length,
      newCompetitions: createdCompetitions.map((c) => `${c.name}（${LEVEL_LABELS[c.level as Level]}）`),
    };
  });
}
