import { WarningOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import type { Me } from '../../api/types';
import { useT } from '../../i18n';
import type { Observation } from './observations.api';

const statusColours: Record<string, string> = { draft: 'default', submitted: 'success', reopened: 'warning' };

/** The tag of an observation's status. */
export function ObservationStatusTag({ status }: { status: string }) {
  const t = useT();
  const known = status === 'draft' || status === 'submitted' || status === 'reopened';
  return (
    <Tag color={statusColours[status] ?? 'default'} style={{ marginInlineEnd: 0 }} data-testid="obs-status">
      {known ? t(`obsStatus.${status}`) : status}
    </Tag>
  );
}

/** The red 疑似雷同 mark of a record that copies another. */
export function FlagTag({ similarity }: { similarity?: number | null }) {
  const t = useT();
  const pct = similarity == null ? 100 : Math.round(similarity <= 1 ? similarity * 100 : similarity);
  return (
    <Tooltip title={t('observations.flaggedTip', { pct })}>
      <Tag color="error" icon={<WarningOutlined />} style={{ marginInlineEnd: 0 }} data-testid="obs-flagged">
        {t('observations.flagged')}
      </Tag>
    </Tooltip>
  );
}

const schoolRoles = new Set(['sysadmin', 'research_admin', 'school_director', 'school_leader']);

/** Whether the caller oversees a school's observations (the 全校 tab). */
export function overseesSchool(me: Me): boolean {
  return me.roles.some((grant) => schoolRoles.has(grant.role));
}

/** Whether the caller may reopen this submitted observation (the server's ability when it sends one). */
export function mayReopen(me: Me, observation: Observation): boolean {
  if (observation.status !== 'submitted') return false;
  if (observation.abilities?.reopen !== undefined) return observation.abilities.reopen;
  return me.roles.some((grant) => grant.role === 'school_director' || grant.role === 'sysadmin');
}

/** The sum of the scores. */
export function totalOf(observation: Observation): number {
  return observation.total ?? Object.values(observation.scores ?? {}).reduce((sum, n) => sum + n, 0);
}
