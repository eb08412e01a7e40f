import { allows } from '../../access/access.js';
import type { Ctx } from '../../access/principal.js';
import { hashPassword, passwordProblem } from '../../auth/passwords.js';
import type { Database } from '../../db/database.js';
import { newId, nowIso, toJson } from '../../db/dialect.js';
import type { NewPerson } from '../../db/types.js';
import { invalid, notFound } from '../../errors.js';
import { fieldName, type RowProblem, rowsRefused } from '../../sheet-import.js';
import { assertSafeZip } from '../../storage/zip-guard.js';
import { writeAudit } from '../audit/audit.repo.js';
import { OrgRepo } from '../orgs/orgs.repo.js';
import { plainDate } from '../shared.schema.js';
import { nameKey } from './people.presenter.js';
import { PeopleRepo } from './people.repo.js';
import { BACKBONE_LABELS, TITLE_LABELS } from './people.schema.js';
import { ROSTER_COLUMNS, type RosterKey, readRoster } from './people.xlsx.js';

const headerOf = (key: RosterKey) => fieldName<RosterKey>(ROSTER_COLUMNS, key);
const byLabel = <K extends string>(labels: Record<K, string>, text: string): K | undefined =>
  (Object.keys(labels) as K[]).find((k) => labels[k] === text || k === text);
const splitList = (s: string) =>
  s
    .split(/[、,，;；/\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
const MAX_ROWS = 10000;

/**
 * Imports a school's roster from the template: every row is checked first; when any row is
 * wrong nothing is written and every problem is listed; otherwise all rows go in one transaction.
 */
export async function importRoster(database: Database, ctx: Ctx, orgId: string, data: Buffer) {
  const org = await new OrgRepo(database.db).byId(orgId);
  if (!org || !allows(ctx.principal, 'person.import', [org.path])) throw notFound('学校');
  if (org.kind !== 'school') throw invalid('名册只能导入到学校');
  // A zip bomb is refused before exceljs inflates anything.
  assertSafeZip(data);
  let rows: Awaited<ReturnType<typeof readRoster>>;
  try {
    rows = await readRoster(data);
  } catch {
    throw invalid('无法读取该文件，请使用下载的 .xlsx 模板', { rows: [] });
  }
  if (rows.length === 0) throw invalid('表格中没有可导入的数据行', { rows: [] });
  if (rows.length > MAX_ROWS) throw invalid(`一次最多导入 ${MAX_ROWS} 行`, { rows: [] });

  const repo = new PeopleRepo(database.db, database.kind);
  const groups = await repo.groupsOfSchool(org.id);
  const groupByName = new Map(groups.map((g) => [g.name, g.id]));
  const problems: RowProblem[] = [];
  const problem = (row: number, key: RosterKey, message: string) =>
    problems.push({ row, field: headerOf(key), message });

  const existingPeople = await repo.sameNameAndBirth(org.id, [...new Set(rows.map((r) => r.values.name))]);
  const usernames = rows.map((r) => r.values.username.toLowerCase()).filter(Boolean);
  const takenUsernames = new Set((await repo.usernameTaken(usernames)).map((a) => a.username));
  const nos = rows.map((r) => r.values.employeeNo).filter(Boolean);
  const takenNos = new Set((await repo.employeeNosTaken(org.id, nos)).map((p) => p.employee_no));
  const seenPerson = new Map<string, number>();
  const seenUser = new Map<string, number>();
  const seenNo = new Map<string, number>();

  const now = nowIso();
  const people: NewPerson[] = [];
  const memberships: { person_id: string; group_id: string }[] = [];
  const logins: { personId: string; username: string; password: string }[] = [];

  for (const { row, values: v } of rows) {
    if (!v.name) problem(row, 'name', '姓名不能为空');
    else if (v.name.length > 40) problem(row, 'name', '姓名不能超过 40 个字符');
    const gender = v.gender === '男' ? 'male' : v.gender === '女' ? 'female' : null;
    if (!gender) problem(row, 'gender', v.gender ? `性别「${v.gender}」无法识别，应为 男 或 女` : '性别不能为空');
    if (!v.birthDate) problem(row, 'birthDate', '出生日期不能为空');
    else if (!plainDate.safeParse(v.birthDate).success)
      problem(row, 'birthDate', `出生日期「${v.birthDate}」不是有效日期（如 1988-05-12）`);
    if (v.hireDate && !plainDate.safeParse(v.hireDate).success)
      problem(row, 'hireDate', `入职日期「${v.hireDate}」不是有效日期`);
    const title = v.title ? byLabel(TITLE_LABELS, v.title) : 'unrated';
    if (!title) problem(row, 'title', `职称「${v.title}」无法识别`);
    const backbone = v.backboneLevel ? byLabel(BACKBONE_LABELS, v.backboneLevel) : 'none';
    if (!backbone) problem(row, 'backboneLevel', `骨干级别「${v.backboneLevel}」无法识别`);
    const groupIds: string[] = [];
    for (const g of splitList(v.groups)) {
      const id = groupByName.get(g);
      if (id) groupIds.push(id);
      else problem(row, 'groups', `本校没有名为「${g}」的教研组/年级组`);
    }
    if (v.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v.email)) problem(row, 'email', `邮箱「${v.email}」格式不正确`);
    if (v.name && v.birthDate) {
      const key = `${v.name}|${v.birthDate}`;
      const first = seenPerson.get(key);
      if (first) problem(row, 'name', `与第 ${first} 行重复（同名同出生日期）`);
      else seenPerson.set(key, row);
      if (existingPeople.some((p) => p.name === v.name && p.birth_date === v.birthDate)) {
        problem(row, 'name', `学校里已有 ${v.name}（${v.birthDate}）`);
      }
    }
    if (v.employeeNo) {
      const first = seenNo.get(v.employeeNo);
      if (first) problem(row, 'employeeNo', `工号与第 ${first} 行重复`);
      else seenNo.set(v.employeeNo, row);
      if (takenNos.has(v.employeeNo)) problem(row, 'employeeNo', `工号 ${v.employeeNo} 已被本校其他人使用`);
    }
    if (v.username) {
      const u = v.username.toLowerCase();
      if (!/^[a-z0-9_.@-]{2,40}$/.test(u)) problem(row, 'username', '用户名只能包含字母、数字和 _ . @ -，2–40 位');
      const first = seenUser.get(u);
      if (first) problem(row, 'username', `用户名与第 ${first} 行重复`);
      else seenUser.set(u, row);
      if (takenUsernames.has(u)) problem(row, 'username', `用户名「${v.username}」已被使用`);
      const pw = passwordProblem(v.password);
      if (!v.password) problem(row, 'password', '开通账号须填写初始密码');
      else if (pw) problem(row, 'password', pw);
    } else if (v.password) {
      problem(row, 'username', '填写了初始密码但没有用户名');
    }
    if (problems.length > 0 || !gender || !title || !backbone) continue;
    const id = newId();
    people.push({
      id,
      org_id: org.id,
      name: v.name,
      name_key: nameKey(v.name),
      gender,
      birth_date: v.birthDate,
      hire_date: v.hireDate || null,
      subjects: toJson(splitList(v.subjects)),
      title,
      backbone_level: backbone,
      phone: v.phone || null,
      email: v.email || null,
      employee_no: v.employeeNo || null,
      active: 1,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    for (const g of new Set(groupIds)) memberships.push({ person_id: id, group_id: g });
    if (v.username) logins.push({ personId: id, username: v.username.toLowerCase(), password: v.password });
  }
  if (problems.length > 0) {
    throw rowsRefused(problems);
  }
  const accounts = await Promise.all(
    logins.map(async (l) => ({
      person_id: l.personId,
      username: l.username,
      password_hash: await hashPassword(l.password),
      must_change_password: 1,
      created_at: now,
      password_changed_at: now,
    })),
  );
  await database.db.transaction().execute(async (trx) => {
    const r = new PeopleRepo(trx, database.kind);
    await r.insert(people);
    await r.addMemberships(memberships);
    await r.insertGrants(
      people.map((p) => ({
        id: newId(),
        person_id: p.id,
        role: 'teacher',
        org_id: org.id,
        created_at: now,
        created_by: ctx.principal.personId,
      })),
    );
    await r.insertAccounts(accounts);
    await writeAudit(trx, {
      actorId: ctx.principal.personId,
      action: 'person.import',
      entity: 'org',
      entityId: org.id,
      orgId: org.id,
      after: { imported: people.length, names: people.map((p) => p.name) },
      ip: ctx.ip,
    });
  });
  return { imported: people.length };
}
