import { choices, fieldName, type ImportColumn, importTemplate, readSheet, type SheetRow } from '../../sheet-import.js';
import { AUTHOR_COLUMNS, PROJECT_COLUMN } from './works.import.xlsx.js';
import { LEVEL_LABELS, WORK_KIND_LABELS } from './works.schema.js';

/** The past publications template's columns (论文发表登记表), in order. */
export const PUBLICATION_IMPORT_COLUMNS = [
  { key: 'title', header: '论文题目*', width: 36, note: '必填，不超过 200 字' },
  { key: 'kind', header: '作品类型', width: 10, note: `可选，不填为论文；${choices(WORK_KIND_LABELS)}` },
  ...AUTHOR_COLUMNS,
  { key: 'charCount', header: '字数', width: 8, note: '可选，整数，如 3500（结题条件看字数，如 3000 字以上）' },
  { key: 'journal', header: '刊物名称*', width: 24, note: '如 江苏教育、小学语文教学；不带书名号' },
  { key: 'level', header: '刊物级别*', width: 10, note: choices(LEVEL_LABELS) },
  { key: 'issue', header: '期号', width: 14, note: '可选，如 2023年第5期' },
  {
    key: 'publishedOn',
    header: '发表日期*',
    width: 12,
    note: '如 2023-05-15；只知道月份可写 2023-05（记为当月 1 日）',
  },
  { key: 'pages', header: '页码', width: 8, note: '可选，如 12-15' },
  PROJECT_COLUMN,
] as const satisfies readonly ImportColumn[];
export type PublicationImportKey = (typeof PUBLICATION_IMPORT_COLUMNS)[number]['key'];
export type PublicationImportRow = SheetRow<PublicationImportKey>;

/** The header of a column without its required-mark, as row errors name it. */
export const publicationField = (key: PublicationImportKey) =>
  fieldName<PublicationImportKey>(PUBLICATION_IMPORT_COLUMNS, key);

/** The downloadable template: a sheet to fill (with one example row) and a 填写说明 sheet. */
export function publicationImportTemplate(): Promise<Buffer> {
  return importTemplate<PublicationImportKey>({
    sheet: '论文发表',
    columns: PUBLICATION_IMPORT_COLUMNS,
    example: {
      title: '小学高年级整本书阅读的问题链设计',
      kind: '论文',
      authors: '王晓燕、李明',
      outsideAuthors: '',
      subject: '语文',
      charCount: '4200',
      journal: '江苏教育',
      level: '省级',
      issue: '2023年第5期',
      publishedOn: '2023-05',
      pages: '12-15',
      project: '',
    },
    rules:
      '整表校验：任何一行有错则整表都不导入，并逐行列出错误。一篇论文发表在几种刊物上时每次发表写一行：题目、类型和作者都相同的行合并为一件作品，本校已登记的同一作品（同题目、同第一作者）则把发表记在它名下；同一作品在同一刊物同一期（无期号时同一日期）的发表不能重复登记。示例行（斜体）请删除。',
  });
}

/** Reads the first sheet into rows keyed by column (found by header text), skipping empty rows. */
export function readPublicationSheet(data: Buffer): Promise<PublicationImportRow[]> {
  return readSheet<PublicationImportKey>(data, PUBLICATION_IMPORT_COLUMNS);
}
