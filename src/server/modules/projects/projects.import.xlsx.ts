import { choices, fieldName, type ImportColumn, importTemplate, readSheet, type SheetRow } from '../../sheet-import.js';
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

/** The template's columns, in order. `key` names the value; the header (without *) names the field in row errors. */
export const PROJECT_IMPORT_COLUMNS = [
  { key: 'title', header: '课题名称*', width: 36, note: '必填，不超过 200 字' },
  { key: 'number', header: '立项编号', width: 18, note: '可选；不能与系统中已有课题的编号重复' },
  { key: 'level', header: '级别*', width: 10, note: choices(LEVEL_LABELS) },
  { key: 'kind', header: '类别*', width: 14, note: choices(KIND_LABELS) },
  { key: 'planPeriod', header: '规划期', width: 10, note: PLAN_PERIODS.join(' / ') },
  { key: 'subject', header: '学科', width: 10, note: '可选，如 语文' },
  { key: 'host', header: '主持人*', width: 10, note: '本校教师的姓名，须与教师名册一致' },
  { key: 'members', header: '成员', width: 26, note: '本校教师的姓名，多个用顿号、分隔，不含主持人' },
  { key: 'startsOn', header: '开始日期', width: 12, note: '如 2019-09-01' },
  { key: 'endsOn', header: '结束日期', width: 12, note: '如 2021-06-30，不能早于开始日期' },
  { key: 'stage', header: '阶段*', width: 12, note: Object.keys(IMPORT_STAGE_LABELS).join(' / ') },
  { key: 'grade', header: '结题等级', width: 10, note: `${choices(GRADE_LABELS)}，只有「已结题」的课题填写` },
] as const satisfies readonly ImportColumn[];
export type ImportKey = (typeof PROJECT_IMPORT_COLUMNS)[number]['key'];

/** The header of a column without its required-mark, as row errors name it. */
export const fieldOf = (key: ImportKey) => fieldName<ImportKey>(PROJECT_IMPORT_COLUMNS, key);

/** The downloadable template: a sheet to fill (with one example row) and a 填写说明 sheet. */
export function projectImportTemplate(): Promise<Buffer> {
  return importTemplate<ImportKey>({
    sheet: '历史课题',
    columns: PROJECT_IMPORT_COLUMNS,
    example: {
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
    },
    rules:
      '整表校验：任何一行有错则整表都不导入，并逐行列出错误。同一文件中立项编号不能重复，同一主持人的课题名称不能重复；示例行（斜体）请删除。',
  });
}

/** One data row of the sheet. */
export type ImportRow = SheetRow<ImportKey>;

/** Reads the first sheet into rows keyed by column (found by header text), skipping empty rows. */
export function readProjectSheet(data: Buffer): Promise<ImportRow[]> {
  return readSheet<ImportKey>(data, PROJECT_IMPORT_COLUMNS);
}
