import { DownOutlined, FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Dropdown,
  Flex,
  Segmented,
  Space,
  Table,
  type TableColumnsType,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { EmptyState } from '../../components/States';
import { useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { enumLabel } from './labels';
import { ReportCheckButtons } from './ReportCheck';
import { ReportDrawer } from './ReportDrawer';
import { ReportFormModal } from './ReportFormModal';
import { ReportOpinionButton } from './ReportOpinion';
import { ReportStatusTag } from './ReportStatusTag';
import { useReports } from './running.api';
import { type Report, type ReportKind, type RunningProject, reportKinds } from './running.types';

type Filter = ReportKind | 'all';

/** Whether the signed-in person is on the project (the server decides; this only offers the form). */
function useIsMember(project: RunningProject): boolean {
  const me = useCurrentUser();
  return project.hostId === me.id || project.members.some((member) => member.personId === me.id);
}

/** 月报 / 报告: the project's reports by kind, the monthly form, and the school's monthly check (月查). */
export function ReportsTab({ project }: { project: RunningProject }) {
  const t = useT();
  const reports = useReports(project.id);
  const member = useIsMember(project);
  const [filter, setFilter] = useState<Filter>('all');
  const [writing, setWriting] = useState<{ kind: ReportKind; report?: Report } | null>(null);
  const [reading, setReading] = useState<Report | null>(null);
  // A notice about one report (退回) links here with ?report=: that report opens once the list has it.
  const [params] = useSearchParams();
  const linked = params.get('report');
  const [opened, setOpened] = useState<string | null>(null);

  const items = reports.data?.items ?? [];
  useEffect(() => {
    if (!linked || opened === linked) return;
    const report = items.find((r) => r.id === linked);
    if (!report) return;
    setOpened(linked);
    setReading(report);
  }, [linked, opened, items]);
  const shown = useMemo(() => (filter === 'all' ? items : items.filter((r) => r.kind === filter)), [items, filter]);
  const lastMonth = dayjs().subtract(1, 'month').format('YYYY-MM');
  const lastMonthMissing =
    (project.stage === 'in_progress' || project.stage === 'midterm_passed') &&
    reports.isSuccess &&
    !items.some((r) => r.month === lastMonth);

  // 内容摘要 takes the room left; the other columns are sized to what they hold
  const columns: TableColumnsType<Report> = [
    {
      title: t('running.reports.kind'),
      dataIndex: 'kind',
      width: 96,
      render: (k: ReportKind) => enumLabel(t, 'running.reportKind', k),
    },
    {
      title: t('running.reports.month'),
      dataIndex: 'month',
      width: 90,
      render: (m: string | null) => m ?? t('common.none'),
    },
    {
      title: t('running.reports.summary'),
      key: 'summary',
      ellipsis: { showTitle: false },
      render: (_, report) => (
        <Flex vertical gap={2} style={{ minWidth: 0 }}>
          <Tooltip title={report.content.done} placement="topLeft" mouseEnterDelay={0.3}>
            <Typography.Link
              ellipsis
              onClick={() => setReading(report)}
              style={{ maxWidth: '100%' }}
              data-testid="report-view"
            >
              {report.content.done}
            </Typography.Link>
          </Tooltip>
          {report.status === 'returned' && report.returnReason && (
            <Typography.Text
              type="danger"
              ellipsis={{ tooltip: report.returnReason }}
              style={{ fontSize: 12 }}
              data-testid="report-return-reason-text"
            >
              {t('running.reports.returnedBecause', { reason: report.returnReason })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { title: t('running.reports.author'), dataIndex: 'authorName', width: 90, ellipsis: true },
    {
      title: t('running.reports.submittedAt'),
      dataIndex: 'updatedAt',
      width: 150,
      render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm'),
    },
    {
      title: t('running.reports.status'),
      key: 'status',
      width: 120,
      render: (_, report) => (
        <Flex vertical gap={2} align="flex-start">
          <ReportStatusTag status={report.status} />
          {report.grade && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('running.reports.opinion')}：{enumLabel(t, 'running.opinionGrade', report.grade)}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      render: (_, report) => (
        <Flex gap={4} wrap>
          {report.abilities.check && report.status === 'submitted' && (
            <ReportCheckButtons projectId={project.id} report={report} />
          )}
          {report.abilities.opinion && <ReportOpinionButton projectId={project.id} report={report} />}
          {report.abilities.edit && report.status === 'returned' && (
            <Button
              size="small"
              onClick={() => setWriting({ kind: report.kind, report })}
              data-testid="report-resubmit"
            >
              {t('running.reports.editResubmit')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  const otherKinds = reportKinds.filter((kind) => kind !== 'monthly');
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('running.reports.monthlyHint')}</Typography.Text>
      {lastMonthMissing && <Alert type="warning" showIcon title={t('running.reports.missing', { month: lastMonth })} />}
      <Flex justify="space-between" wrap gap={8}>
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: t('running.reports.all') },
            ...reportKinds.map((kind) => ({ value: kind, label: enumLabel(t, 'running.reportKind', kind) })),
          ]}
          data-testid="report-kind-filter"
        />
        <Space wrap>
          {items.some((r) => r.kind === 'monthly') && (
            <Button
              icon={<FileWordOutlined />}
              href={`/api/projects/${project.id}/reports/monthly.docx`}
              data-testid="report-export-monthly"
            >
              {t('running.reports.exportMonthly')}
            </Button>
          )}
          {member && (
            <>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setWriting({ kind: 'monthly' })}
                data-testid="report-new-monthly"
              >
                {t('running.reports.newMonthly')}
              </Button>
              <Dropdown
                menu={{
                  items: otherKinds.map((kind) => ({
                    key: kind,
                    label: t('running.reports.newOther', { kind: enumLabel(t, 'running.reportKind', kind) }),
                  })),
                  onClick: ({ key }) => {
                    const kind = otherKinds.find((k) => k === key);
                    if (kind) setWriting({ kind });
                  },
                }}
              >
                <Button data-testid="report-new-other">
                  {t('running.reports.otherMenu')} <DownOutlined />
                </Button>
              </Dropdown>
            </>
          )}
        </Space>
      </Flex>
      <Table<Report>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={shown}
        loading={reports.isFetching}
        scroll={{ x: 900 }}
        pagination={shown.length > 20 ? { pageSize: 20 } : false}
        locale={{ emptyText: <EmptyState text={t('running.reports.empty')} /> }}
        data-testid="reports-table"
      />
      {writing && (
        <ReportFormModal
          projectId={project.id}
          kind={writing.kind}
          report={writing.report}
          onClose={() => setWriting(null)}
        />
      )}
      {reading && <ReportDrawer report={reading} onClose={() => setReading(null)} />}
    </Flex>
  );
}
