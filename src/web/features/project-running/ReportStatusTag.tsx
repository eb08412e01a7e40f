import { Tag } from 'antd';
import { useT } from '../../i18n';
import type { ReportStatus } from './running.types';

const colors: Record<ReportStatus, string> = { submitted: 'processing', checked: 'success', returned: 'error' };

/** 已提交 / 已审核 / 已退回. */
export function ReportStatusTag({ status }: { status: ReportStatus }) {
  const t = useT();
  return (
    <Tag color={colors[status]} data-testid={`report-status-${status}`}>
      {t(`running.reportStatus.${status}`)}
    </Tag>
  );
}
