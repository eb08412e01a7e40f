/**
 * Who may do what: the permission table. A grant {role, orgId} covers that org and everything
 * below it; each role lists the actions it allows inside that subtree. Nothing else in the
 * code decides permissions (see access.ts for how the table is applied).
 */
export const ROLES = [
  'sysadmin',
  'research_admin',
  'school_director',
  'school_leader',
  'group_leader',
  'teacher',
  'expert',
] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  'org.read',
  'org.create',
  'org.update',
  'org.delete',
  'person.read',
  'person.create',
  'person.update',
  'person.import',
  'role.grant',
  'term.manage',
  'audit.read',
  'system.read',
  'call.manage',
  'project.import',
  // 专业发展: read others' growth records, 八个一 and mentoring pairs (a teacher always reads their own).
  'growth.read',
  // Record, edit and delete growth records for the teachers of the school.
  'growth.record',
  // 师徒结对: pair, edit, end and evaluate (优秀师徒) mentoring pairs.
  'mentorship.manage',
  // 每月考核: the monthly assessment of a pair (the school, or the mentee's group leader).
  'mentorship.assess',
  // 教研活动: read the activities organised inside the subtree (a teacher also reads their own school's).
  'activity.read',
  // Record, edit and delete activities and their attendance (a project's host also may, for its project).
  'activity.manage',
  // 听课记录: read the submitted observations of the teachers inside the subtree.
  'observation.read',
  // Reopen submitted observations, keep the school's rubric and observation settings, see copy flags.
  'observation.manage',
  // 论文·评比·发表·获奖: read the works, entries, results and publications of the teachers inside the subtree
  // (a teacher always reads their own and their co-authored works).
  'work.read',
  // Record and edit works, enter them in competitions, record results and publications for the school's teachers.
  'work.manage',
  // 评比目录: keep the competitions catalogue of the org (and its editions and deadlines).
  'competition.manage',
  // 校内初审: form the school's review group, assign works and decide recommend / not (论文定质).
  'prereview.manage',
  // 制度·考核: edit the school's rules, quotas and the points table; rewards settings.
  'rules.manage',
  // Read compliance (who meets which rule) and the research-assessment scores inside the subtree.
  'compliance.read',
  'assessment.read',
  // 统计: dashboards and figures of the subtree; the semester summary (学期总结) is read with it.
  'stats.read',
  // 学期工作计划 and the written semester summary: edit the plan and the summary draft of the org.
  'plan.manage',
] as const;
export type Action = (typeof ACTIONS)[number];

const readOnly: Action[] = ['org.read', 'person.read'];
const manager: Action[] = [
  ...readOnly,
  'org.create',
  'org.update',
  'org.delete',
  'person.create',
  'person.update',
  'person.import',
  'role.grant',
  'audit.read',
];

const growthManager: Action[] = ['growth.read', 'growth.record', 'mentorship.manage', 'mentorship.assess'];

const teachingManager: Action[] = ['activity.read', 'activity.manage', 'observation.read', 'observation.manage'];
const teachingReader: Action[] = ['activity.read', 'observation.read'];

const worksManager: Action[] = ['work.read', 'work.manage', 'competition.manage', 'prereview.manage'];
const officeManager: Action[] = ['rules.manage', 'compliance.read', 'assessment.read', 'stats.read', 'plan.manage'];
const officeReader: Action[] = ['work.read', 'compliance.read', 'assessment.read', 'stats.read'];

/** Actions each role allows within the subtree of its grant. */
export const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  sysadmin: [
    ...manager,
    'system.read',
    'term.manage',
    'call.manage',
    'project.import',
    ...growthManager,
    ...teachingManager,
    ...worksManager,
    ...officeManager,
  ],
  research_admin: [
    ...manager,
    'term.manage',
    'call.manage',
    'project.import',
    'growth.read',
    ...teachingReader,
    'work.read',
    'work.manage',
    'competition.manage',
    ...officeManager,
  ],
  school_director: [
    ...manager,
    'call.manage',
    'project.import',
    ...growthManager,
    ...teachingManager,
    ...worksManager,
    ...officeManager,
  ],
  school_leader: [...readOnly, 'growth.read', ...teachingReader, ...officeReader],
  group_leader: [
    ...readOnly,
    'growth.read',
    'mentorship.assess',
    ...teachingReader,
    'activity.manage',
    'work.read',
    'compliance.read',
  ],
  teacher: [...readOnly, 'activity.read'],
  expert: [],
};

/** Roles a holder of each role may grant (inside its own subtree). */
export const GRANTABLE: Record<Role, readonly Role[]> = {
  sysadmin: ROLES,
  research_admin: ['research_admin', 'school_director', 'school_leader', 'group_leader', 'teacher', 'expert'],
  school_director: ['school_director', 'group_leader', 'teacher'],
  school_leader: [],
  group_leader: [],
  teacher: [],
  expert: [],
};

/** The org kinds a role may be granted on (a teacher's grant is on a school, a group leader's on a group…). */
export const ROLE_ORG_KINDS: Record<Role, readonly string[]> = {
  sysadmin: ['province', 'city', 'district', 'school', 'group'],
  research_admin: ['province', 'city', 'district'],
  school_director: ['school'],
  school_leader: ['school'],
  group_leader: ['group'],
  teacher: ['school'],
  expert: ['province', 'city', 'district', 'school'],
};

export const ORG_KINDS = ['province', 'city', 'district', 'school', 'group'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** Which kinds may sit directly under which (a province on top is optional). */
export const CHILD_KINDS: Record<OrgKind, readonly OrgKind[]> = {
  province: ['city'],
  city: ['district', 'school'],
  district: ['school'],
  school: ['group'],
  group: [],
};
