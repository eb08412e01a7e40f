import { Tag } from 'antd';
import { useT } from '../../i18n';
import { kindOf, type NotificationKind } from './notifications.api';

const COLORS: Record<NotificationKind, string> = {
  review_assigned: 'blue',
  project_returned: 'orange',
  report_returned: 'orange',
  due_soon: 'gold',
  overdue: 'red',
  result: 'green',
  digest: 'default',
  other: 'default',
};

/** The kind of a notification as a small coloured tag. */
export function NotificationKindTag({ kind }: { kind: string }) {
  const t = useT();
  const k = kindOf(kind);
  return (
    <Tag color={COLORS[k]} style={{ marginInlineEnd: 0 }}>
      {t(`notifications.kind.${k}`)}
    </Tag>
  );
}
