import { z } from 'zod';
import type { Ctx } from '../../access/principal.js';
import type { Database } from '../../db/database.js';
import { newId, nowIso } from '../../db/dialect.js';
import type { OrgRow, PublicationRow } from '../../db/types.js';
import { type RowProblem, rowsRefused, unknownValue } from '../../sheet-import.js';
import { writeAudit } from '../audit/audit.repo.js';
import { LEVELS, type Level } from '../projects/projects.workflow.js';
import { plainDate } from '../shared.schema.js';
import {
  type PublicationImportKey,
  type PublicationImportRow,
  publicationField,
  readPublicationSheet,
} from './publications.import.xlsx.js';
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
import { WorksRepo } from './works.repo.js';
import { LEVEL_LABELS } from './works.schema.js';

export const publicationImportQuery = z.object({ orgId: z.string().min(1).max(64) });
export const publicationImportResult = z.object({
  /** Publications recorded (one per row). */
  imported: z.number().int(),
  /** Works created for them (rows of one work share it; publications of works already here join them). */
  works: z.number().int(),
});

/** One valid row, read. */
interface Publication {
  row: number;
  work: WorkCells;
  journal: string;
  level: Level;
  issue: string;
  publishedOn: string;
  pages: string;
}

/** What makes two publications the same: the work, the journal, and the issue (or the date when no issue). */
const sameKey = (workId: string, journal: string, issue: string, publishedOn: string) =>
  JSON.stringify([workId, journal, issue || publishedOn]);

function parseRow(
  row: number,
  v: Record<PublicationImportKey, string>,
  index: SchoolIndex,
  problem: (key: PublicationImportKey, message: string) => void,
): Publication | null {
  const work = readWorkCells(v, index, problem, 'paper');
  const journal = v.journal.replace(/^《(.*)》$/, '$1').trim();
  if (!journal) problem('journal', '刊物名称不能为空，如 江苏教育');
  else if (journal.length > 200) problem('journal', '刊物名称不能超过 200 个字');
  const level = v.level ? byLabel<Level>(LEVELS, LEVEL_LABELS, v.level) : undefined;
  if (!level) problem('level', unknownValue('刊物级别', v.level, Object.values(LEVEL_LABELS)));
  if (v.issue.length > 50) problem('issue', '期号不能超过 50 个字');
  if (v.pages.length > 50) problem('pages', '页码不能超过 50 个字');
  const publishedOn = dayOrMonth(v.publishedOn);
  const dated = plainDate.safeParse(publishedOn).success;
  if (!v.publishedOn) problem('publishedOn', '发表日期不能为空（如 2023-05-15，或 2023-05）');
  else if (!dated) problem('publishedOn', `发表日期「${v.publishedOn}」不是有效日期（如 2023-05-15，或 2023-05）`);
  if (!work || !journal || journal.length > 200 || !level || !dated || v.issue.length > 50 || v.pages.length > 50)
    return null;
  return { row, work, journal, level, issue: v.issue, publishedOn, pages: v.pages };
}

/** Checks every row against the school's roster and against the sheet's other rows. */
async function planRows(database: Database, school: OrgRow, rows: PublicationImportRow[]) {
  const index = await schoolIndex(database, school);
  const problems: RowProblem[] = [];
  const publications: Publication[] = [];
  const seen = new Map<string, number>();
  for (const { row, values } of rows) {
    const before = problems.length;
    const p = parseRow(row, values, index, (key, message) =>
      problems.push({ row, field: publicationField(key), message }),
    );
    if (problems.length > before || !p) continue;
    const same = sameKey(workKey(p.work), p.journal, p.issue, p.publishedOn);
    const first = seen.get(same);
    if (first) {
      problems.push({
        row,
        field: publicationField('journal'),
        message: `与第 ${first} 行重复（同一作品同一刊物同一期）`,
      });
      continue;
    }
    seen.set(same, row);
    publications.push(p);
  }
  return { publications, problems };
}

/**
 * Imports a school's past publications (论文发表登记表, SPEC §6, §3.5: they count toward conclusion rules) from the
 * template: every row is checked first; when any is wrong nothing is written and every problem is listed with its
 * row. Otherwise, in one transaction with one audit entry: the rows of one work become one work (or join the
 * school's work of the same title and first author), each row a publication of it.
 */
export async function importPublications(database: Database, ctx: Ctx, orgId: string, data: Buffer) {
  const { school, rows } = await importTarget(database, ctx, orgId, {
    actions: ['work.manage'],
    refusal: '只有本校教科室主任或上级教科研管理员可以导入论文发表',
    what: '论文发表',
    data,
    read: readPublicationSheet,
  });
  const { publications, problems } = await planRows(database, school, rows);
  if (problems.length > 0) throw rowsRefused(problems);

  return database.db.transaction().execute(async (trx) => {
    const now = nowIso();
    const finder = await WorkFinder.of(trx, school);
    const works = new WorksRepo(trx);
    const known = new Set(
      (await works.publicationsOfSchool(school.id)).map((p) => sameKey(p.work_id, p.journal, p.issue, p.published_on)),
    );
    const conflicts: RowProblem[] = [];
    const recorded: { row: number; workId: string; publicationId: string }[] = [];
    for (const p of publications) {
      let workId = finder.find(p.work);
      if (workId && known.has(sameKey(workId, p.journal, p.issue, p.publishedOn))) {
        conflicts.push({
          row: p.row,
          field: publicationField('journal'),
          message: `该作品已登记过《${p.journal}》${p.issue || p.publishedOn} 的发表`,
        });
        continue;
      }
      if (workId) await finder.link(workId, p.work);
      else workId = await finder.make(p.work, ctx, now);
      const pub: PublicationRow = {
        id: newId(),
        work_id: workId,
        journal: p.journal,
        level: p.level,
        issue: p.issue,
        published_on: p.publishedOn,
        pages: p.pages,
        created_by: ctx.principal.personId,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      await works.insertPublication(pub);
      known.add(sameKey(workId, p.journal, p.issue, p.publishedOn));
      recorded.push({ row: p.row, workId, publicationId: pub.id });
    }
    // A publication already recorded here is found only now (its work matched by title and first author): the
    // whole sheet is refused, as for any other row error.
    if (conflicts.length > 0) throw rowsRefused(conflicts);
    await writeAudit(trx, {
      actorId: ctx.principal.personId,
      action: 'publication.import',
      entity: 'org',
      entityId: school.id,
      orgId: school.id,
      after: { imported: recorded.length, works: finder.madeCount, publications: recorded },
      ip: ctx.ip,
    });
    return { imported: recorded.length, works: finder.madeCount };
  });
}
