import type ExcelJS from 'exceljs';
import { excel } from '../../xlsx.js';
import { KIND_LABELS } from '../calls/calls.schema.js';
import { GRADE_LABELS, LEVEL_LABELS } from './projects.workflow.js';

/** 规划期 as schools write them. */
export const PLAN_PERIODS = ['十一五', '十二五', '十三五', '十四五', '十五五'] as const;

/** The stages a historic project can arrive in, by the words of the template. */
export const IMPORT_STAGE_LABELS = {
  研究中: 'in_progress',
  已通过中期: 'midterm_passed',
  已结题: 'concluded',
  结题未通过: 'not_passed',
  已撤项: 'terminated',
  已立项: 'approved',
} as const;

const list = (labels: Readonly<Record<string, string>>) => Object.values(labels).join(' / ');

/** The template's columns, in order. `key` names the value; the header (without *) names the field in row errors. */
export const PROJECT_IMPORT_COLUMNS = [
  { key: 'title', header: '课题名称*', width: 36, note: '必填，不超过 200 字' },
  { key: 'number', header: '立项编号', width: 18, note: '可选；不能与系统中已有课题的编号重复' },
  { key: 'level', header: '级别*', width: 10, note: list(LEVEL_LABELS) },
  { key: 'kind', header: '类别*', width: 14, note: list(KIND_LABELS) },
  { key: 'planPeriod', header: '规划期', width: 10, note: PLAN_PERIODS.join(' / ') },
  { key: 'subject', header: '学科', width: 10, note: '可选，如 语文' },
  { key: 'host', header: '主持人*', width: 10, note: '本校教师的姓名，须与教师名册一致' },
  { key: 'members', header: '成员', width: 26, note: '本校教师的姓名，多个用顿号、分隔，不含主持人' },
  { key: 'startsOn', header: '开始日期', width: 12, note: '如 2019-09-01' },
  { key: 'endsOn', header: '结束日期', width: 12, note: '如 2021-06-30，不能早于开始日期' },
  { key: 'stage', header: '阶段*', width: 12, note: Object.keys(IMPORT_STAGE_LABELS).join(' / ') },
  { key: 'grade', header: '结题等级', width: 10, note: `${list(GRADE_LABELS)}，只有「已结题」的课题填写` },
] as const;
export type ImportKey = (typeof PROJECT_IMPORT_COLUMNS)[number]['key'];

/** The header of a column without its required-mark, as row errors name it. */
export const fieldOf = (key: ImportKey) =>
  PROJECT_IMPORT_COLUMNS.find((c) => c.key === key)?.header.replace(/\*$/, '') ?? key;

/** The downloadable template: a sheet to fill (with one example row) and a 填写说明 sheet. */
export async function projectImportTemplate(): Promise<Buffer> {
  const wb = new (excel().Workbook)();
  const ws = wb.addWorksheet('历史课题');
  ws.columns = PROJECT_IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.addRow({
    title: '小学语文整本书阅读教学策略研究',
    number: '2021-KT-015',
    level: '区级',
    kind: '一般课题',
    planPeriod: '十四五',
    subject: '语文',
    host: '王晓燕',
    members: '李明、张华',
    startsOn: '2021-09-01',
    endsOn: '2023-06-30',
    stage: '已结题',
    grade: '良好',
  });
  ws.getRow(2).font = { italic: true, color: { argb: 'FF888888' } };
  ws.getCell('A2').note = '示例行：导入前请删除或替换';
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列', key: 'h', width: 14 },
    { header: '说明 / 可填写的值', key: 'n', width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of PROJECT_IMPORT_COLUMNS) help.addRow({ h: c.header, n: c.note });
  help.addRow({});
  help.addRow({ h: '带 * 的列', n: '必填' });
  help.addRow({
    h: '规则',
    n: '整表校验：任何一行有错则整表都不导入，并逐行列出错误。同一文件中立项编号不能重复，同一主持人的课题名称不能重复；示例行（斜体）请删除。',
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** One data row of the sheet: its Excel row number and the trimmed text of every column. */
export interface ImportRow {
  row: number;
  values: Record<ImportKey, string>;
}

/** Reads the first sheet into rows keyed by column (found by header text), skipping empty rows. */
export async function readProjectSheet(data: Buffer): Promise<ImportRow[]> {
  const wb = new (excel().Workbook)();
  // A copy as a plain ArrayBuffer: exceljs types its argument as one.
  await wb.xlsx.load(new Uint8Array(data).buffer);
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const headerIndex = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => headerIndex.set(cellText(cell.value).replace(/\*$/, ''), col));
  const out: ImportRow[] = [];
  ws.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const text = (key: ImportKey) => {
      const col = headerIndex.get(fieldOf(key));
      return col ? cellText(row.getCell(col).value) : '';
    };
    const values: Record<ImportKey, string> = {
      title: text('title'),
      number: text('number'),
      level: text('level'),
      kind: text('kind'),
      planPeriod: text('planPeriod'),
      subject: text('subject'),
      host: text('host'),
      members: text('members'),
      startsOn: text('startsOn'),
      endsOn: text('endsOn'),
      stage: text('stage'),
      grade: text('grade'),
    };
    if (Object.values(values).some(Boolean)) out.push({ row: rowNumber, values });
  });
  return out;
}

/** Any Excel cell value as text: dates become YYYY-MM-DD, rich text is flattened. */
function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('text' in v && typeof v.text === 'string') return v.text.trim();
    if ('result' in v) return cellText(v.result ?? null);
    return '';
  }
  return String(v).trim();
}
