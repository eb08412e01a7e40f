import { choices, type ImportColumn, readSheet, type SheetRow } from '../../sheet-import.js';
import { excel, streamedWorkbook } from '../../xlsx.js';
import { BACKBONE_LABELS, type PersonDto, TITLE_LABELS } from './people.schema.js';

/** The roster template's columns, in order. `key` names the field in row errors. */
export const ROSTER_COLUMNS = [
  { key: 'name', header: '姓名*', width: 12, note: '必填' },
  { key: 'gender', header: '性别*', width: 8, note: '男 或 女' },
  { key: 'birthDate', header: '出生日期*', width: 14, note: '如 1988-05-12' },
  { key: 'hireDate', header: '入职日期', width: 14, note: '如 2010-08-30' },
  { key: 'subjects', header: '任教学科', width: 16, note: '多个用顿号、分隔，如 语文、道德与法治' },
  { key: 'groups', header: '教研组/年级组', width: 22, note: '须与学校已建的组名一致，多个用、分隔' },
  { key: 'title', header: '职称', width: 12, note: choices(TITLE_LABELS) },
  { key: 'backboneLevel', header: '骨干级别', width: 12, note: choices(BACKBONE_LABELS) },
  { key: 'employeeNo', header: '工号', width: 12, note: '可选，校内唯一' },
  { key: 'phone', header: '手机', width: 14, note: '可选' },
  { key: 'email', header: '邮箱', width: 22, note: '可选' },
  { key: 'username', header: '登录用户名', width: 14, note: '可选；填写则同时开通账号' },
  { key: 'password', header: '初始密码', width: 14, note: '开通账号时必填，至少 8 位含字母和数字；首次登录须修改' },
] as const satisfies readonly ImportColumn[];
export type RosterKey = (typeof ROSTER_COLUMNS)[number]['key'];

/** The downloadable template: a sheet to fill and a sheet of instructions (with the school's groups). */
export async function rosterTemplate(groupNames: string[]): Promise<Buffer> {
  const wb = new (excel().Workbook)();
  const ws = wb.addWorksheet('教师名册');
  ws.columns = ROSTER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.addRow({
    name: '王晓燕',
    gender: '女',
    birthDate: '1990-03-15',
    hireDate: '2012-08-28',
    subjects: '语文',
    groups: groupNames[0] ?? '',
    title: '一级教师',
    backboneLevel: '校级骨干',
    employeeNo: 'T0001',
  });
  ws.getRow(2).font = { italic: true, color: { argb: 'FF888888' } };
  ws.getCell('A2').note = '示例行：导入前请删除或替换';
  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列', key: 'h', width: 16 },
    { header: '说明', key: 'n', width: 80 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of ROSTER_COLUMNS) help.addRow({ h: c.header, n: c.note });
  help.addRow({});
  help.addRow({
    h: '本校已有的组',
    n: groupNames.length ? groupNames.join('、') : '（尚未建立，请先在“组织机构”中添加）',
  });
  help.addRow({ h: '规则', n: '整表校验：任何一行有错则整表都不导入，并逐行列出错误；示例行（斜体）请删除。' });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Reads the first sheet into rows of trimmed strings keyed by column, with their Excel row numbers. */
export function readRoster(data: Buffer): Promise<SheetRow<RosterKey>[]> {
  return readSheet<RosterKey>(data, ROSTER_COLUMNS);
}

/** The people list as a workbook, with labels a director reads. */
export async function peopleWorkbook(people: PersonDto[]): Promise<Buffer> {
  const wb = streamedWorkbook();
  const ws = wb.sheet('教师名册', [
    { header: '序号', key: 'i', width: 6 },
    { header: '姓名', key: 'name', width: 12 },
    { header: '性别', key: 'gender', width: 6 },
    { header: '出生日期', key: 'birthDate', width: 12 },
    { header: '年龄', key: 'age', width: 6 },
    { header: '入职日期', key: 'hireDate', width: 12 },
    { header: '单位', key: 'org', width: 20 },
    { header: '任教学科', key: 'subjects', width: 16 },
    { header: '教研组/年级组', key: 'groups', width: 22 },
    { header: '职称', key: 'title', width: 12 },
    { header: '骨干级别', key: 'backbone', width: 12 },
    { header: '工号', key: 'employeeNo', width: 10 },
    { header: '手机', key: 'phone', width: 14 },
    { header: '邮箱', key: 'email', width: 22 },
    { header: '状态', key: 'active', width: 8 },
  ]);
  for (const [i, p] of people.entries()) {
    ws.add({
      i: i + 1,
      name: p.name,
      gender: p.gender === 'female' ? '女' : '男',
      birthDate: p.birthDate ?? '',
      age: p.age ?? '',
      hireDate: p.hireDate ?? '',
      org: p.orgName ?? '',
      subjects: p.subjects.join('、'),
      groups: p.groups.map((g) => g.name).join('、'),
      title: TITLE_LABELS[p.title],
      backbone: BACKBONE_LABELS[p.backboneLevel],
      employeeNo: p.employeeNo ?? '',
      phone: p.phone ?? '',
      email: p.email ?? '',
      active: p.active ? '在职' : '离职',
    });
  }
  return wb.finish();
}
