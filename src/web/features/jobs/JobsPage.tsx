import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Progress, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/States';
import { type MessageKey, useT } from '../../i18n';
import { type Job, useJobs } from './jobs.api';

const STATUS_COLOR: Record<Job['status'], string> = {
  queued: 'default',
  running: 'processing',
  done: 'success',
  error: 'error',
};

function importedCount(result: unknown): number | null {
  if (typeof result === 'object' && result !== null && 'imported' in result && typeof result.imported === 'number')
    return result.imported;
  return null;
}

/** 后台任务: my exports and imports with their progress, downloads and errors. */
export function JobsPage() {
  const t = useT();
  const jobs = useJobs();
  return (
    <>
      <PageHeader title={t('jobs.title')} subtitle={t('jobs.subtitle')} />
      <Card>
        <Table<Job>
          rowKey="id"
          loading={jobs.isLoading}
          dataSource={jobs.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: <EmptyState text={t('jobs.empty')} /> }}
          data-testid="jobs-table"
          columns={[
            {
              title: t('jobs.label'),
              dataIndex: 'label',
              // The label is written in the language of the moment it was queued; the file's own name says which
              // school and term, so two exports of one kind are told apart.
              render: (label: string, j) => (
                <Flex vertical>
                  <span>{label}</span>
                  {j.resultName && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="job-file-name">
                      {j.resultName}
                    </Typography.Text>
                  )}
                </Flex>
              ),
            },
            {
              title: t('jobs.status'),
              dataIndex: 'status',
              width: 110,
              render: (s: Job['status']) => <Tag color={STATUS_COLOR[s]}>{t(`jobs.status.${s}` as MessageKey)}</Tag>,
            },
            {
              title: t('jobs.progress'),
              width: 260,
              render: (_, j) =>
                j.status === 'error' ? (
                  <Typography.Text type="danger">{j.message}</Typography.Text>
                ) : (
                  <Progress percent={j.progress} size="small" status={j.status === 'running' ? 'active' : undefined} />
                ),
            },
            {
              title: t('jobs.createdAt'),
              dataIndex: 'createdAt',
              width: 150,
              render: (v: string) => dayjs(v).format('MM-DD HH:mm:ss'),
            },
            {
              title: '',
              width: 170,
              render: (_, j) => {
                if (j.status !== 'done') return null;
                const n = importedCount(j.result);
                if (j.kind === 'import') return n === null ? null : t('jobs.imported', { n });
                return (
                  <Button
                    icon={<DownloadOutlined />}
                    href={`/api/jobs/${j.id}/download`}
                    data-testid={`job-download-${j.id}`}
                  >
                    {t('jobs.download')}
                  </Button>
                );
              },
            },
          ]}
        />
      </Card>
    </>
  );
}
