import { DeleteOutlined, ThunderboltOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Flex,
  Popconfirm,
  Progress,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useShowError } from '../../components/feedback';
import { EmptyState } from '../../components/States';
import { useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { useAssign, useAssignments, useAutoAssign, useRemoveAssignment } from './reviews.api';
import type { Assignment, AutoAssignResult, Round } from './reviews.types';

/** Manual assignment: one project, one expert. */
function ManualAssign({ round }: { round: Round }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const assign = useAssign(round.id);
  const [projectId, setProjectId] = useState<string>();
  const [expertId, setExpertId] = useState<string>();
  return (
    <Flex gap={8} wrap align="center">
      <Typography.Text>{t('reviews.round.manual')}：</Typography.Text>
      <Select
        value={projectId}
        onChange={setProjectId}
        placeholder={t('reviews.round.project')}
        style={{ width: 300 }}
        showSearch={{ optionFilterProp: 'label' }}
        options={(round.projects ?? []).map((p) => ({ value: p.projectId, label: `${p.code} ${p.title}` }))}
        data-testid="assign-project"
      />
      <Select
        value={expertId}
        onChange={setExpertId}
        placeholder={t('reviews.round.expert')}
        style={{ width: 160 }}
        showSearch={{ optionFilterProp: 'label' }}
        options={(round.experts ?? []).map((e) => ({ value: e.id, label: e.name }))}
        data-testid="assign-expert"
      />
      <Button
        disabled={!projectId || !expertId}
        loading={assign.isPending}
        onClick={() =>
          projectId &&
          expertId &&
          assign.mutate(
            { projectId, expertId },
            { onSuccess: () => message.success(t('reviews.round.manualDone')), onError: (e) => showError(e) },
          )
        }
        data-testid="assign-add"
      >
        {t('reviews.round.manualAdd')}
      </Button>
    </Flex>
  );
}

/** 评审分配: automatic or manual assignment, progress, and the assignments by project. */
export function AssignmentsPanel({ round }: { round: Round }) {
  const t = useT();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const showError = useShowError();
  const assignments = useAssignments(round.id);
  const auto = useAutoAssign(round.id);
  const remove = useRemoveAssignment(round.id);
  const [skipped, setSkipped] = useState<AutoAssignResult['skipped']>([]);
  const items = [...(assignments.data?.items ?? [])].sort((a, b) => a.code.localeCompare(b.code));
  const done = items.filter((a) => a.submitted).length;

  const runAuto = () =>
    auto.mutate(undefined, {
      onSuccess: (result) => {
        message.success(t('reviews.round.autoDone', { n: result.items.length }));
        setSkipped(result.skipped);
      },
      onError: (e) => showError(e),
    });

  const columns: TableColumnsType<Assignment> = [
    { title: t('reviews.code'), dataIndex: 'code', width: 90 },
    { title: t('reviews.projectTitle'), dataIndex: 'title', ellipsis: true },
    { title: t('reviews.round.expert'), dataIndex: 'expertName', width: 110 },
    {
      title: t('reviews.status'),
      dataIndex: 'submitted',
      width: 100,
      render: (submitted: boolean) =>
        submitted ? (
          <Tag color="success">{t('reviews.round.submitted')}</Tag>
        ) : (
          <Tag>{t('reviews.round.notSubmitted')}</Tag>
        ),
    },
    {
      title: t('reviews.round.total'),
      dataIndex: 'total',
      width: 80,
      render: (v: number | null) => (v === null ? t('common.none') : v.toFixed(1)),
    },
    {
      title: '',
      key: 'actions',
      width: 90,
      render: (_, a) =>
        // An expert's own row opens their score sheet, as 我的评审任务 does.
        a.expertId === me.id ? (
          <Link to={`/reviews/${a.roundId}/assignments/${a.id}`} data-testid="assignment-own-sheet">
            {a.abilities.score
              ? a.submitted
                ? t('reviews.tasks.rescore')
                : t('reviews.tasks.score')
              : t('reviews.tasks.view')}
          </Link>
        ) : (
          a.abilities.delete && (
            <Popconfirm
              title={t('reviews.round.removeConfirm')}
              onConfirm={() =>
                remove.mutate(a.id, {
                  onSuccess: () => message.success(t('reviews.round.removed')),
                  onError: (e) => showError(e),
                })
              }
            >
              <Button type="text" size="small" danger icon={<DeleteOutlined />} data-testid="assignment-remove" />
            </Popconfirm>
          )
        ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Flex align="center" gap={12} style={{ minWidth: 320 }}>
          <Typography.Text strong>{t('reviews.round.progress')}</Typography.Text>
          <Progress
            percent={items.length ? Math.round((done / items.length) * 100) : 0}
            style={{ width: 180, margin: 0 }}
          />
          <Typography.Text type="secondary" data-testid="round-progress">
            {t('reviews.round.progressText', { done, total: items.length })}
          </Typography.Text>
        </Flex>
        {round.abilities.assign && (
          <Flex align="center" gap={8}>
            <Typography.Text type="secondary">
              {t('reviews.round.autoHint', { n: round.expertsPerItem })}
            </Typography.Text>
            <Button
              type="primary"
              icon={<ThunderboltOutlined />}
              loading={auto.isPending}
              onClick={runAuto}
              data-testid="assign-auto"
            >
              {t('reviews.round.auto')}
            </Button>
          </Flex>
        )}
      </Flex>
      {skipped.length > 0 && (
        <Alert
          type="warning"
          showIcon
          closable={{ onClose: () => setSkipped([]) }}
          title={skipped
            .map((s) => t('reviews.round.autoSkipped', { code: s.code, missing: s.missing, reason: s.reason }))
            .join('；')}
        />
      )}
      {round.abilities.assign && <ManualAssign round={round} />}
      <Table<Assignment>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        loading={assignments.isFetching}
        pagination={items.length > 50 ? { pageSize: 50 } : false}
        locale={{ emptyText: <EmptyState text={t('reviews.round.noAssignments')} /> }}
        data-testid="assignments-table"
      />
    </Flex>
  );
}
