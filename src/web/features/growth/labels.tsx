import { Tag } from 'antd';
import type { MessageKey, Translate } from '../../i18n';
import { zhCN } from '../../i18n/zh-CN';
import type { GrowthKind } from './growth.api';

function isGrowthKey(key: string): key is MessageKey {
  return key in zhCN;
}

/** The label of a value under a catalogue prefix, or the raw value (or the fallback). */
export function growthLabel(t: Translate, prefix: string, value: string | null | undefined, fallback?: string): string {
  if (!value) return t('common.none');
  const key = `${prefix}.${value}`;
  return isGrowthKey(key) ? t(key) : (fallback ?? value);
}

const kindColors: Record<GrowthKind, string> = {
  reading: 'geekblue',
  essay: 'purple',
  reflection: 'purple',
  case: 'purple',
  narrative: 'purple',
  lesson_plan: 'cyan',
  lesson_example: 'cyan',
  training: 'orange',
  study: 'gold',
  platform: 'green',
};

/** A coloured tag with the kind of a growth record. */
export function GrowthKindTag({ kind, t }: { kind: GrowthKind; t: Translate }) {
  return <Tag color={kindColors[kind] ?? 'default'}>{growthLabel(t, 'growthKind', kind)}</Tag>;
}

/** Whether the caller holds a role that sees other teachers' records (the server decides the rows). */
export function seesOthers(roles: { role: string }[]): boolean {
  return roles.some((grant) =>
    ['sysadmin', 'research_admin', 'school_director', 'school_leader', 'group_leader'].includes(grant.role),
  );
}

/** Roles held at a school by someone on its roster (who keeps records of their own: 八个一, 达标). */
const ROSTER_ROLES = new Set(['teacher', 'group_leader', 'school_director', 'school_leader']);

/**
 * Whether the caller is on a school's roster: a teacher, group leader, director or leader at their own org. A
 * district's or a city's office is not: it keeps no growth records, 八个一 or observations of its own to list.
 */
export function onSchoolRoster(me: { orgId: string | null; roles: { role: string; orgId: string | null }[] }): boolean {
  return me.orgId !== null && me.roles.some((g) => g.orgId === me.orgId && ROSTER_ROLES.has(g.role));
}

/** Whether the caller manages a school's growth work: records for its teachers, pairs mentors (the server decides). */
export function managesSchool(roles: { role: string }[]): boolean {
  return roles.some((grant) => ['sysadmin', 'school_director'].includes(grant.role));
}
