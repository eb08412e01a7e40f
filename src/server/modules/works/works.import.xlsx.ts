import { choices, fieldName, type ImportColumn, importTemplate, readSheet, type SheetRow } from '../../sheet-import.js';
import { LEVEL_LABELS, RESULT_LABELS, WORK_KIND_LABELS } from './works.schema.js';

/** The author and subject columns every work sheet (awards, publications) has, after 题目 and 类型. */
export const AUTHOR_COLUMNS = [
  {
    key: 'authors',
    header: '作者*',
    width: 18,
    note: '本校教师的姓名，须与教师名册一致；多位按署名顺序用顿号、分隔，第一位为第一作者',
  },
  { key: 'outsideAuthors', header: '校外作者', width: 14, note: '可选；不在本校名册中的合作者姓名，排在本校作者之后' },
  { key: 'subject', header: '学科', width: 10, note: '可选，如 语文' },
] as const satisfies readonly ImportColumn[];

/** The last column of every work sheet: the school's project the work belongs to, for its conclusion check. */
export const PROJECT_COLUMN = {
  key: 'project',
  header: '所属课题',
  width: 26,
  note: '可选；本校课题的立项编号或完整题目。填写后该成果关联到这个课题，计入它的结题条件',
} as const satisfies ImportColumn;

/** The historic awards template's columns (获奖登记表), in order. */
export const AWARD_IMPORT_COLUMNS = [
  { key: 'title', header: '作品题目*', width: 36, note: '必填，不超过 200 字' },
  { key: 'kind', header: '作品类型*', width: 10, note: choices(WORK_KIND_LABELS) },
  ...AUTHOR_COLUMNS,
  { key: 'charCount', header: '字数', width: 8, note: '可选，整数，如 3500' },
  {
    key: 'competition',
    header: '评比名称*',
    width: 22,
    note: '如 师陶杯、五四杯、行知杯；与评比目录中同名同级别的评比对应，目录中没有的将作为本校的评比新建',
  },
  { key: 'level', header: '评比级别*', width: 10, note: choices(LEVEL_LABELS) },
  { key: 'organiser', header: '主办单位', width: 20, note: '可选；新建评比时记为主办单位，如 江苏省陶行知研究会' },
  { key: 'year', header: '年度', width: 8, note: '可选，如 2023；不填则取获奖日期的年份' },
  { key: 'result', header: '获奖等第*', width: 10, note: choices(RESULT_LABELS) },
  { key: 'resultOn', header: '获奖日期*', width: 12, note: '如 2023-12-20；只知道月份可写 2023-12（记为当月 1 日）' },
  PROJECT_COLUMN,
] as const satisfies readonly ImportColumn[];
export type AwardImportKey = (typeof AWARD_IMPORT_COLUMNS)[number]['key'];
export type AwardImportRow = SheetRow<AwardImportKey>;

/** The header of a column without its required-mark, as row errors name it. */
export const awardField = (key: AwardImportKey) => fieldName<AwardImportKey>(AWARD_IMPORT_COLUMNS, key);

/** The downloadable template: a sheet to fill (with one example row) and a 填写说明 sheet. */
export function awardImportTemplate(): Promise<Buffer> {
  return importTemplate<AwardImportKey>({
    sheet: '历史获奖',
    columns: AWARD_IMPORT_COLUMNS,
    example: {
      title: '整本书阅读中的问题链设计',
      kind: '论文',
      authors: '王晓燕、李明',
      outsideAuthors: '',
      subject: '语文',
      charCount: '4200',
      competition: '师陶杯',
      level: '省级',
      organiser: '江苏省陶行知研究会',
      year: '2023',
      result: '二等奖',
      resultOn: '2023-12-20',
      project: '',
    },
    rules:
      '整表校验：任何一行有错则整表都不导入，并逐行列出错误。一件作品在几个评比中获奖时每个奖写一行：题目、类型和作者都相同的行合并为一件作品，本校已登记的同一作品（同题目、同第一作者）则把奖项记在它名下；同一作品在同一评比同一年度的奖项不能重复登记。示例行（斜体）请删除。',
  });
}

/** Reads the first sheet into rows keyed by column (found by header text), skipping empty rows. */
export function readAwardSheet(data: Buffer): Promise<AwardImportRow[]> {
  return readSheet<AwardImportKey>(data, AWARD_IMPORT_COLUMNS);
}
