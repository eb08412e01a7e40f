import { choices, fieldName, type ImportColumn, importTemplate, readSheet, type SheetRow } from '../../sheet-import.js';
import { LEVEL_LABELS, RESULT_LABELS } from './works.schema.js';

/** The past student-guidance awards template's columns (指导学生获奖登记表), in order. */
export const STUDENT_AWARD_IMPORT_COLUMNS = [
  {
    key: 'teacher',
    header: '指导教师*',
    width: 12,
    note: '本校教师的姓名，须与教师名册一致；几位教师共同指导时每位写一行',
  },
  { key: 'student', header: '学生姓名*', width: 12, note: '必填；一个集体项目可写团队名称，如 五（2）班合唱队' },
  { key: 'className', header: '班级', width: 12, note: '可选，如 五（2）班' },
  { key: 'competition', header: '比赛名称*', width: 28, note: '如 全国青少年科技创新大赛、市中小学生作文大赛' },
  { key: 'title', header: '作品或项目', width: 24, note: '可选，如 作文《我的外婆》' },
  { key: 'level', header: '级别*', width: 10, note: choices(LEVEL_LABELS) },
  { key: 'result', header: '获奖等第*', width: 10, note: choices(RESULT_LABELS) },
  { key: 'awardedOn', header: '获奖日期*', width: 12, note: '如 2023-12-20；只知道月份可写 2023-12（记为当月 1 日）' },
] as const satisfies readonly ImportColumn[];
export type StudentAwardImportKey = (typeof STUDENT_AWARD_IMPORT_COLUMNS)[number]['key'];
export type StudentAwardImportRow = SheetRow<StudentAwardImportKey>;

/** The header of a column without its required-mark, as row errors name it. */
export const studentAwardField = (key: StudentAwardImportKey) =>
  fieldName<StudentAwardImportKey>(STUDENT_AWARD_IMPORT_COLUMNS, key);

/** The downloadable template: a sheet to fill (with one example row) and a 填写说明 sheet. */
export function studentAwardImportTemplate(): Promise<Buffer> {
  return importTemplate<StudentAwardImportKey>({
    sheet: '指导学生获奖',
    columns: STUDENT_AWARD_IMPORT_COLUMNS,
    example: {
      teacher: '王晓燕',
      student: '张小雨',
      className: '五（2）班',
      competition: '市中小学生作文大赛',
      title: '作文《我的外婆》',
      level: '市级',
      result: '一等奖',
      awardedOn: '2023-11',
    },
    rules:
      '整表校验：任何一行有错则整表都不导入，并逐行列出错误。同一指导教师、同一学生、同一比赛、同一获奖日期的奖项不能重复登记。示例行（斜体）请删除。',
  });
}

/** Reads the first sheet into rows keyed by column (found by header text), skipping empty rows. */
export function readStudentAwardSheet(data: Buffer): Promise<StudentAwardImportRow[]> {
  return readSheet<StudentAwardImportKey>(data, STUDENT_AWARD_IMPORT_COLUMNS);
}
