import { type AppError, invalid } from './errors.js';
import { excel } from './xlsx.js';
import { readFirstSheet } from './xlsx-read.js';

/**
 * What every .xlsx import (roster, historic projects, historic awards) shares: columns found by their
 * header text, rows read as trimmed text, a template with a 填写说明 sheet, the words of row errors.
 */

/** A column of an import template; the header without its `*` (required) names the field in row errors. */
export interface ImportColumn<K extends string = string> {
  key: K;
  header: string;
  width: number;
  note: string;
}

/** One problem in one row of an imported sheet. */
export interface RowProblem {
  row: number;
  field: string;
  message: string;
}

/** One data row of a sheet: its Excel row number and the trimmed text of every column. */
export interface SheetRow<K extends string> {
  row: number;
  values: Record<K, string>;
}

/** The refusal of a sheet with problems: how many rows are wrong, and every problem with its row (nothing imported). */
export function rowsRefused(problems: readonly RowProblem[]): AppError {
  const rows = new Set(problems.map((p) => p.row)).size;
  return invalid(`${rows} 行有错误，整表未导入，请修改后重新上传`, { rows: problems });
}

/** The labels a column accepts, for its 填写说明 note: 国家级 / 省级 / … */
export function choices(labels: Readonly<Record<string, string>>): string {
  return Object.values(labels).join(' / ');
}

/** The header of a column without its required-mark, as row errors name it. */
export function fieldName<K extends string>(columns: readonly ImportColumn<K>[], key: K): string {
  return columns.find((c) => c.key === key)?.header.replace(/\*$/, '') ?? key;
}

/**
 * Reads the first sheet into rows keyed by column (found by header text, `*` ignored), skipping empty rows. The
 * cells are read by `readFirstSheet`, not as an ExcelJS workbook (half the time and about 20 MB less for a 5,000-row
 * roster).
 */
export async function readSheet<K extends string>(
  data: Buffer,
  columns: readonly ImportColumn<K>[],
): Promise<SheetRow<K>[]> {
  const sheet = readFirstSheet(data);
  const headerIndex = new Map<string, number>();
  for (const [col, text] of sheet.get(1) ?? []) headerIndex.set(text.replace(/\*$/, ''), col);
  const out: SheetRow<K>[] = [];
  for (const [rowNumber, cells] of [...sheet].sort((a, b) => a[0] - b[0])) {
    if (rowNumber <= 1) continue;
    const values = {} as Record<K, string>;
    let any = false;
    for (const c of columns) {
      const col = headerIndex.get(c.header.replace(/\*$/, ''));
      const text = col ? (cells.get(col) ?? '') : '';
      values[c.key] = text;
      if (text) any = true;
    }
    if (any) out.push({ row: rowNumber, values });
  }
  return out;
}

/** A template: the sheet to fill with one greyed example row, and a 填写说明 sheet of every column's note. */
export async function importTemplate<K extends string>(t: {
  sheet: string;
  columns: readonly ImportColumn<K>[];
  example: Record<K, string>;
  rules: string;
}): Promise<Buffer> {
  const wb = new (excel().Workbook)();
  const ws = wb.addWorksheet(t.sheet);
  ws.columns = t.columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.addRow(t.example);
  ws.getRow(2).font = { italic: true, color: { argb: 'FF888888' } };
  ws.getCell('A2').note = '示例行：导入前请删除或替换';
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列', key: 'h', width: 14 },
    { header: '说明 / 可填写的值', key: 'n', width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of t.columns) help.addRow({ h: c.header, n: c.note });
  help.addRow({});
  help.addRow({ h: '带 * 的列', n: '必填' });
  help.addRow({ h: '规则', n: t.rules });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 2019-9-1, 2019/09/01, 2019.9.1 and 2019年9月1日 → 2019-09-01; anything else stays as written. */
export function normalDate(text: string): string {
  const m = text.match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : text;
}

/** Names written in one cell: 李明、张华 / 李明,张华 / 李明 张华. */
export function splitNames(s: string): string[] {
  return s
    .split(/[、,，;；/\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** The message for an empty or unrecognised value, naming the value and what is allowed. */
export function unknownValue(what: string, value: string, allowed: readonly string[]): string {
  return value ? `${what}「${value}」无法识别，应为 ${allowed.join('、')}` : `${what}不能为空`;
}

/** The names of a school's people → their ids (a name shared by two people is ambiguous). */
export function nameIndex(people: readonly { id: string; name: string }[]) {
  const byName = new Map<string, string[]>();
  for (const p of people) byName.set(p.name.trim(), [...(byName.get(p.name.trim()) ?? []), p.id]);
  return (name: string): { id: string } | { problem: string } => {
    const ids = byName.get(name) ?? [];
    if (ids.length === 1) return { id: ids[0] };
    if (ids.length === 0) return { problem: `本校没有名为「${name}」的教师` };
    return { problem: `本校有 ${ids.length} 位名为「${name}」的教师，无法确定是哪一位` };
  };
}
