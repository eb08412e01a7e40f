import { z } from 'zod';
import { ROLES } from '../../access/roles.js';
import { nameText, pageQuery, plainDate, versionField } from '../shared.schema.js';

/** 职称 */
export const TITLES = ['unrated', 'level3', 'level2', 'level1', 'senior', 'full_senior'] as const;
export const TITLE_LABELS: Record<(typeof TITLES)[number], string> = {
  unrated: '未定级',
  level3: '三级教师',
  level2: '二级教师',
  level1: '一级教师',
  senior: '高级教师',
  full_senior: '正高级教师',
};
/** 骨干教师 level, 学科带头人, 名师 */
export const BACKBONE_LEVELS = ['none', 'school', 'district', 'city', 'province', 'leader', 'master'] as const;
export const BACKBONE_LABELS: Record<(typeof BACKBONE_LEVELS)[number], string> = {
  none: '无',
  school: '校级骨干',
  district: '区级骨干',
  city: '市级骨干',
  province: '省级骨干',
  leader: '学科带头人',
  master: '名师',
};
export const ROLE_LABELS: Record<(typeof ROLES)[number], string> = {
  sysadmin: '系统管理员',
  research_admin: '教科研管理员',
  school_director: '教科室主任',
  school_leader: '校领导',
  group_leader: '教研组长',
  teacher: '教师',
  expert: '评审专家',
};

export const title = z.enum(TITLES);
export const backboneLevel = z.enum(BACKBONE_LEVELS);
export const gender = z.enum(['male', 'female']);
export const role = z.enum(ROLES);

export const grantSchema = z.object({
  id: z.string(),
  role,
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
});

export const personSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  /** The person's school (or office); null for system accounts. */
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  gender,
  birthDate: z.string().nullable(),
  /** Age today, computed from birthDate. */
  age: z.number().int().nullable(),
  hireDate: z.string().nullable(),
  subjects: z.array(z.string()),
  title,
  backboneLevel,
  groups: z.array(z.object({ id: z.string(), name: z.string() })),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  employeeNo: z.string().nullable(),
  active: z.boolean(),
  /** Login name when the person has an account. */
  username: z.string().nullable(),
  roles: z.array(grantSchema),
  abilities: z.object({ update: z.boolean(), grantRoles: z.boolean() }),
});
export type PersonDto = z.infer<typeof personSchema>;

export const ageBand = z.enum(['lt30', '30to34', '35to44', '45plus']);

export const personFilter = z.object({
  orgId: z.string().max(64).optional(),
  groupId: z.string().max(64).optional(),
  q: z.string().trim().max(50).optional(),
  subject: z.string().trim().max(30).optional(),
  title: title.optional(),
  ageBand: ageBand.optional(),
  backboneLevel: backboneLevel.optional(),
});
export type PersonFilter = z.infer<typeof personFilter>;
export const personListQuery = pageQuery.extend(personFilter.shape);

const subjectList = z.array(z.string().trim().min(1).max(30)).max(10);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const username = z
  .string()
  .trim()
  .min(2, '用户名至少 2 个字符')
  .max(40)
  .regex(/^[A-Za-z0-9_.@-]+$/, '用户名只能包含字母、数字和 _ . @ -');

export const createPersonBody = z.object({
  name: nameText(40),
  orgId: z.string().max(64),
  gender,
  birthDate: plainDate,
  hireDate: plainDate.nullable().optional(),
  subjects: subjectList.default([]),
  title: title.default('unrated'),
  backboneLevel: backboneLevel.default('none'),
  groupIds: z.array(z.string().max(64)).max(20).default([]),
  phone: optionalText(30),
  email: z.union([z.email('邮箱格式不正确'), z.literal(''), z.null()]).optional(),
  employeeNo: optionalText(30),
  username: username.optional(),
  password: z.string().max(128).optional(),
});
export type CreatePerson = z.infer<typeof createPersonBody>;

export const updatePersonBody = z.object({
  version: versionField,
  name: nameText(40).optional(),
  orgId: z.string().max(64).optional(),
  gender: gender.optional(),
  birthDate: plainDate.optional(),
  hireDate: plainDate.nullable().optional(),
  subjects: subjectList.optional(),
  title: title.optional(),
  backboneLevel: backboneLevel.optional(),
  groupIds: z.array(z.string().max(64)).max(20).optional(),
  phone: optionalText(30),
  email: z.union([z.email('邮箱格式不正确'), z.literal(''), z.null()]).optional(),
  employeeNo: optionalText(30),
  active: z.boolean().optional(),
  /** Sets a new password for the person's account (managers only); creates the account when username is given. */
  username: username.optional(),
  password: z.string().max(128).optional(),
});
export type UpdatePerson = z.infer<typeof updatePersonBody>;

export const grantBody = z.object({ role, orgId: z.string().max(64) });
export const importQuery = z.object({ orgId: z.string().max(64) });
export const importResult = z.object({ imported: z.number().int() });
