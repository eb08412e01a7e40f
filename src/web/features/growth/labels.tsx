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

/** Whether the caller manages a school's growth work: records for its teachers, pairs mentors (the server decides). */
export function managesSchool(roles: { role: string }[]): boolean {
  return roles.some((grant) => ['sysadmin', 'school_director'].includes(grant.role));
}
