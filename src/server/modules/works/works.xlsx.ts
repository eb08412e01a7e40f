import { excel } from '../../xlsx.js';
import type { EntryDto, PublicationDto } from './works.schema.js';
import { LEVEL_LABELS, WORK_KIND_LABELS } from './works.schema.js';

interface Column {
  key: string;
  header: string;
  width: number;
}

async function workbook(
  title: string,
  sheet: string,
  columns: readonly Column[],
  rows: readonly Record<string, string | number>[],
) {
  const wb = new (excel().Workbook)();
  const ws = wb.addWorksheet(sheet);
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  wb.title = title;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const ENTRY_COLUMNS = [
  { key: 'no', header: '序号', width: 6 },
  { key: 'title', header: '作品题目', width: 36 },
  { key: 'kind', header: '类别', width: 10 },
  { key: 'authors', header: '作者', width: 18 },
  { key: 'org', header: '学校', width: 18 },
  { key: 'competition', header: '评比', width: 24 },
  { key: 'level', header: '级别', width: 8 },
  { key: 'year', header: '年度', width: 8 },
  { key: 'enteredOn', header: '参评日期', width: 12 },
  { key: 'status', header: '状态', width: 12 },
  { key: 'mean', header: '初审均分', width: 10 },
  { key: 'result', header: '获奖等级', width: 10 },
  { key: 'resultOn', header: '获奖日期', width: 12 },
] as const;

/** 论文参评 / 获奖一览: one entry per row. */
export function entriesWorkbook(title: string, items: readonly EntryDto[]) {
  return workbook(
    title,
    '参评获奖',
    ENTRY_COLUMNS,
    items.map((e, i) => ({
      no: i + 1,
      title: e.workTitle,
      kind: WORK_KIND_LABELS[e.workKind],
      authors: e.authorNames.join('、'),
      org: e.orgName,
      competition: e.editionTitle ?? e.competitionName,
      level: LEVEL_LABELS[e.competitionLevel],
      year: e.year,
      enteredOn: e.enteredOn,
      status: e.statusLabel,
      mean: e.prereviewMean ?? '',
      result: e.resultLabel ?? '',
      resultOn: e.resultOn ?? '',
    })),
  );
}

export const PUBLICATION_COLUMNS = [
  { key: 'no', header: '序号', width: 6 },
  { key: 'title', header: '题目', width: 36 },
  { key: 'authors', header: '作者', width: 18 },
  { key: 'org', header: '学校', width: 18 },
  { key: 'journal', header: '刊物', width: 24 },
  { key: 'level', header: '级别', width: 8 },
  { key: 'issue', header: '期号', width: 12 },
  { key: 'publishedOn', header: '发表日期', width: 12 },
  { key: 'pages', header: '页码', width: 10 },
  { key: 'chars', header: '字数', width: 8 },
] as const;

/** 论文发表一览: one publication per row. */
export function publicationsWorkbook(title: string, items: readonly PublicationDto[]) {
  return workbook(
    title,
    '发表',
    PUBLICATION_COLUMNS,
    items.map((x, i) => ({
      no: i + 1,
      title: x.workTitle,
      authors: x.authorNames.join('、'),
      org: x.orgName,
      journal: x.journal,
      level: x.levelLabel,
      issue: x.issue,
      publishedOn: x.publishedOn,
      pages: x.pages,
      chars: x.charCount ?? '',
    })),
  );
}
