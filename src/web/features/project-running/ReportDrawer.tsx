import { FileWordOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Drawer, Typography } from 'antd';
import dayjs from 'dayjs';
import { useT } from '../../i18n';
import { enumLabel } from './labels';
import { ReportStatusTag } from './ReportStatusTag';
import type { Report } from './running.types';

function Paragraphs({ text }: { text: string | undefined }) {
  const t = useT();
  if (!text) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return <div style={{ whiteSpace: 'pre-wrap' }}>{text}</div>;
}

/** One report read in full. */
export function ReportDrawer({ report, onClose }: { report: Report; onClose: () => void }) {
  const t = useT();
  const monthly = report.kind === 'monthly';
  const kind = enumLabel(t, 'running.reportKind', report.kind);
  return (
    <Drawer
      open
      size={640}
      onClose={onClose}
      title={report.month ? `${kind} · ${report.month}` : kind}
      extra={
        <Button
          icon={<FileWordOutlined />}
          href={`/api/projects/${report.projectId}/reports/${report.id}/export.docx`}
          data-testid="report-export-docx"
        >
          {t('running.reports.exportDocx')}
        </Button>
      }
    >
      {report.status === 'returned' && report.returnReason && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('running.reports.returnedBecause', { reason: report.returnReason })}
        />
      )}
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={t('running.reports.status')}>
          <ReportStatusTag status={report.status} />
          {report.checkedAt && (
            <Typography.Text type="secondary">
              {t('running.reports.checkedBy', { at: dayjs(report.checkedAt).format('YYYY-MM-DD HH:mm') })}
            </Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('running.reports.author')}>
          {report.authorName ?? t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={monthly ? t('running.form.done') : t('running.form.reportDone')}>
          <Paragraphs text={report.content.done} />
        </Descriptions.Item>
        {monthly && (
          <Descriptions.Item label={t('running.form.materials')}>
            <Paragraphs text={report.content.materials} />
          </Descriptions.Item>
        )}
        <Descriptions.Item label={monthly ? t('running.form.next') : t('running.form.reportNext')}>
          <Paragraphs text={report.content.next} />
        </Descriptions.Item>
        <Descriptions.Item label={t('running.form.problems')}>
          <Paragraphs text={report.content.problems} />
        </Descriptions.Item>
        {report.opinion && (
          <Descriptions.Item label={t('running.reports.opinion')}>
            {report.grade && <div>{enumLabel(t, 'running.opinionGrade', report.grade)}</div>}
            <Paragraphs text={report.opinion} />
          </Descriptions.Item>
        )}
      </Descriptions>
    </Drawer>
  );
}
