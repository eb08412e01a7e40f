import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Ctx } from '../../access/principal.js';
import type { Database } from '../../db/database.js';
import { newId, nowIso, toJson } from '../../db/dialect.js';
import type { CompetitionRow, DB, OrgRow, WorkEntryRow } from '../../db/types.js';
import { type RowProblem, rowsRefused, unknownValue } from '../../sheet-import.js';
import { writeAudit } from '../audit/audit.repo.js';
import { LEVELS, type Level } from '../projects/projects.workflow.js';
import { plainDate } from '../shared.schema.js';
import { CompetitionsRepo } from './competitions.repo.js';
import { EntriesRepo } from './entries.repo.js';
import {
  byLabel,
  dayOrMonth,
  importTarget,
  readWorkCells,
  type SchoolIndex,
  schoolIndex,
  type WorkCells,
  WorkFinder,
  workKey,
} from './works.import.common.js';
import { type AwardImportKey, type AwardImportRow, awardField, readAwardSheet } from './works.import.xlsx.js';
import { LEVEL_LABELS, RESULT_LABELS, RESULTS, type WorkResult } from './works.schema.js';

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

/** One valid row, read. */
interface Award {
  row: number;
  work: WorkCells;
  competition: { name: string; level: Level; organiser: string };
  year: number;
  result: WorkResult;
  resultOn: string;
}

type ProblemAt = (key: AwardImportKey, message: string) => void;

function parseRow(v: Record<AwardImportKey, string>, index: SchoolIndex, problem: ProblemAt) {
  const work = readWorkCells(v, index, problem);
  if (!v.competition) problem('competition', '评比名称不能为空，如 师陶杯');
  else if (v.competition.length > 100) problem('competition', '评比名称不能超过 100 个字');
  const level = v.level ? byLabel<Level>(LEVELS, LEVEL_LABELS, v.level) : undefined;
  if (!level) problem('level', unknownValue('评比级别', v.level, Object.values(LEVEL_LABELS)));
  if (v.organiser.length > 100) problem('organiser', '主办单位不能超过 100 个字');
  const result = v.result ? byLabel(RESULTS, RESULT_LABELS, v.result) : undefined;
  if (!result) problem('result', unknownValue('获奖等第', v.result, Object.values(RESULT_LABELS)));
  const resultOn = dayOrMonth(v.resultOn);
  const dated = plainDate.safeParse(resultOn).success;
  if (!v.resultOn) problem('resultOn', '获奖日期不能为空（如 2023-12-20，或 2023-12）');
  else if (!dated) problem('resultOn', `获奖日期「${v.resultOn}」不是有效日期（如 2023-12-20，或 2023-12）`);
  const year = v.year ? Number(v.year.replace(/年(度)?$/, '')) : dated ? Number(resultOn.slice(0, 4)) : Number.NaN;
  if (v.year && !(Number.isInteger(year) && year >= 1950 && year <= 2100))
    problem('year', `年度「${v.year}」应为四位年份，如 2023`);
  if (!work || !level || !result || !dated) return null;
  if (!(Number.isInteger(year) && year >= 1950 && year <= 2100)) return null;
  return { work, level, result, resultOn, year };
}

const competitionKey = (name: string, level: string) => `${level}|${name}`;

/**
 * Checks every row against the school's people and the awards already recorded; returns the
 * awards, or every problem found.
 */
async function planRows(database: Database, school: OrgRow, rows: AwardImportRow[]) {
  const index = await schoolIndex(database, school);
  const problems: RowProblem[] = [];
  const awards: Award[] = [];
  const seen = new Map<string, number>();
  for (const { row, values: v } of rows) {
    const before = problems.length;
    const problem: ProblemAt = (key, message) => problems.push({ row, field: awardField(key), message });
    const r = parseRow(v, index, problem);
    if (problems.length > before || !r) continue;
    const award: Award = {
      row,
      work: r.work,
      competition: { name: v.competition, level: r.level, organiser: v.organiser },
      year: r.year,
      result: r.result,
      resultOn: r.resultOn,
    };
    const same = `${workKey(r.work)}|${competitionKey(v.competition, r.level)}|${r.year}`;
    const first = seen.get(same);
    if (first) problem('competition', `与第 ${first} 行重复（同一作品在同一评比同一年度的奖项）`);
    else seen.set(same, row);
    if (problems.length === before) awards.push(award);
  }
  return { awards, problems };
}

/** The competitions and years each of the school's works already has an entry in. */
async function awardedOf(db: Kysely<DB>, schoolId: string) {
  const entries = await new EntriesRepo(db).competitionYearsOfSchool(schoolId);
  return new Set(entries.map((e) => `${e.work_id}|${e.competition_id}|${Number(e.year)}`));
}

/**
 * Imports a school's past awards (获奖登记表, SPEC §9) from the template: every row is checked first;
 * when any is wrong nothing is written and every problem is listed with its row. Otherwise, in one
 * transaction with one audit entry: the rows of one work become one work (or join the school's
 * work of the same title and first author), each row an awarded entry, and competitions the catalogue
 * lacks are created for the school.
 */
export async function importAwards(database: Database, ctx: Ctx, orgId: string, data: Buffer) {
  const { school, rows } = await importTarget(database, ctx, orgId, {
    actions: ['work.manage', 'competition.manage'],
    refusal: '只有本校教科室主任或上级教科研管理员可以导入历史获奖',
    what: '历史获奖',
    data,
    read: readAwardSheet,
  });

  const { awards, problems } = await planRows(database, school, rows);
  if (problems.length > 0) {
    throw rowsRefused(problems);
  }

  return database.db.transaction().execute(async (trx) => {
    const now = nowIso();
    const awarded = await awardedOf(trx, school.id);
    const finder = await WorkFinder.of(trx, school);
    const comps = new CompetitionsRepo(trx, database.kind);
    const chain = school.path.split('/').filter(Boolean);
    const catalogue = new Map<string, CompetitionRow>();
    // Nearest owner wins: built-in first, then each org down the chain to the school overwrites.
    const owners = new Map(chain.map((id, depth) => [id, depth]));
    const known = (await comps.list({ orgIds: chain, prefixes: [] })).sort(
      (a, b) => (a.org_id ? (owners.get(a.org_id) ?? -1) : -1) - (b.org_id ? (owners.get(b.org_id) ?? -1) : -1),
    );
    for (const c of known) catalogue.set(competitionKey(c.name, c.level), c);

    const entries = new EntriesRepo(trx);
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
      let workId = finder.find(a.work);
      if (workId && awarded.has(`${workId}|${competition.id}|${a.year}`)) {
        conflicts.push({
          row: a.row,
          field: awardField('competition'),
          message: `该作品已有「${a.competition.name}」${a.year} 年度的参评记录，请在作品页的参评记录中登记获奖结果`,
        });
        continue;
      }
      if (workId) await finder.link(workId, a.work);
      else workId = await finder.make(a.work, ctx, now);
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
        works: finder.madeCount,
        competitions: createdCompetitions.map((c) => ({ id: c.id, name: c.name, level: c.level })),
        entries: recordedEntries,
      },
      ip: ctx.ip,
    });
    return {
      imported: recordedEntries.length,
      works: finder.madeCount,
      competitions: createdCompetitions.length,
      newCompetitions: createdCompetitions.map((c) => `${c.name}（${LEVEL_LABELS[c.level as Level]}）`),
    };
  });
}
