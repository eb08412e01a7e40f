import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Table,
  type TableColumnsType,
  type TabsProps,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useShowError } from '../../components/feedback';
import { EmptyState } from '../../components/States';
import { type Translate, useT } from '../../i18n';
import { ChangeRequestModal } from './ChangeRequestModal';
import {
  type ChangeDecisionKind,
  type ChangeStatus,
  type ProjectChange,
  useChanges,
  useDecideChange,
  useWithdrawChange,
} from './changes.api';
import type { Project, Stage } from './projects.api';

const statusColors: Record<ChangeStatus, string> = {
  pending_school: 'processing',
  pending_manager: 'warning',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

/** Stages in which a project has (or may ask for) change requests: from 立项 on. */
const changeStages = new Set<Stage>([
  'approved',
  'in_progress',
  'midterm_passed',
  'conclusion_requested',
  'concluded',
  'not_passed',
  'terminated',
]);

/** The 变更申请 tab of the project page, for projects past 立项. */
export function projectChangesTab(project: Project, t: Translate): NonNullable<TabsProps['items']> {
  if (!changeStages.has(project.stage)) return [];
  return [{ key: 'changes', label: t('change.tab'), children: <ProjectChangesTab project={project} /> }];
}

const when = (at: string | null) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm') : '');

/** What the change asks for, in one line. */
function contentOf(t: Translate, c: ProjectChange): string {
  const none = t('common.none');
  if (c.kind === 'members') {
    const names = (c.proposed.members ?? []).map((m) => `${m.name}（${t(`memberRole.${m.role}`)}）`).join('、');
    return t('change.content.members', { names: names || none });
  }
  if (c.kind === 'title')
    return t('change.content.title', { from: c.previous.title ?? none, to: c.proposed.title ?? none });
  if (c.kind === 'dates')
    return t('change.content.dates', { from: c.previous.endsOn ?? none, to: c.proposed.endsOn ?? none });
  return t('change.content.terminate');
}

/** Who asked, who endorsed, who decided (and the opinion). */
function Progress({ change }: { change: ProjectChange }) {
  const t = useT();
  const lines = [
    t('change.progress.requested', { name: change.requestedByName ?? '', at: when(change.requestedAt) }),
    change.schoolAt && t('change.progress.school', { name: change.schoolByName ?? '', at: when(change.schoolAt) }),
    change.decidedAt && t('change.progress.decided', { name: change.decidedByName ?? '', at: when(change.decidedAt) }),
    change.opinion && t('change.opinionLine', { opinion: change.opinion }),
  ].filter((l): l is string => Boolean(l));
  return (
    <Flex vertical>
      {lines.map((l) => (
        <Typography.Text key={l} type="secondary" style={{ fontSize: 12 }}>
          {l}
        </Typography.Text>
      ))}
    </Flex>
  );
}

/** The buttons the server allows on one request; approve and reject ask for an opinion. */
function ChangeButtons({ projectId, change }: { projectId: string; change: ProjectChange }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const decide = useDecideChange(projectId);
  const withdraw = useWithdrawChange(projectId);
  const [deciding, setDeciding] = useState<ChangeDecisionKind | null>(null);
  const [form] = Form.useForm<{ opinion?: string }>();
  const { abilities } = change;
  const run = (decision: ChangeDecisionKind, opinion?: string) =>
    decide.mutate(
      { id: change.id, version: change.version, decision, opinion: opinion?.trim() || undefined },
      {
        onSuccess: () => {
          message.success(t('change.done', { action: t(`change.${decision}`) }));
          setDeciding(null);
        },
        onError: (e) => showError(e, { form }),
      },
    );
  const open = (decision: ChangeDecisionKind) => {
    form.resetFields();
    setDeciding(decision);
  };
  return (
    <Flex gap={4} wrap>
      {(['endorse', 'approve', 'reject'] as const)
        .filter((d) => abilities[d])
        .map((d) => (
          <Button
            key={d}
            size="small"
            type={d === 'reject' ? 'default' : 'primary'}
            danger={d === 'reject'}
            onClick={() => open(d)}
            data-testid={`change-${d}`}
          >
            {t(`change.${d}`)}
          </Button>
        ))}
      {abilities.withdraw && (
        <Popconfirm
          title={t('change.withdrawConfirm')}
          onConfirm={() =>
            withdraw.mutate(
              { id: change.id, version: change.version },
              { onSuccess: () => message.success(t('change.withdrawn')), onError: (e) => showError(e) },
            )
          }
        >
          <Button size="small" type="text" data-testid="change-withdraw">
            {t('change.withdraw')}
          </Button>
        </Popconfirm>
      )}
      {deciding && (
        <Modal
          open
          title={t(`change.decisionTitle.${deciding}`)}
          onOk={() => form.submit()}
          onCancel={() => setDeciding(null)}
          confirmLoading={decide.isPending}
          okButtonProps={{ danger: deciding === 'reject', 'data-testid': 'change-decision-submit' }}
          destroyOnHidden
        >
          <Typography.Paragraph>{contentOf(t, change)}</Typography.Paragraph>
          <Form form={form} layout="vertical" onFinish={(v) => run(deciding, v.opinion)}>
            <Form.Item
              name="opinion"
              label={t('change.opinion')}
              rules={
                deciding === 'reject'
                  ? [{ required: true, whitespace: true, message: t('change.opinionRequired') }]
                  : undefined
              }
            >
              <Input.TextArea rows={3} maxLength={5000} data-testid="change-opinion" />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </Flex>
  );
}

/** 变更申请: the project's requests with their status, the request form, and the decisions the caller may take. */
export function ProjectChangesTab({ project }: { project: Project }) {
  const t = useT();
  const changes = useChanges(project.id);
  const [requesting, setRequesting] = useState(false);
  const page = changes.data;

  const columns: TableColumnsType<ProjectChange> = [
    {
      title: t('change.col.kind'),
      dataIndex: 'kind',
      width: 120,
      render: (k: ProjectChange['kind']) => (
        <Tag color={k === 'terminate' ? 'red' : 'blue'}>{t(`change.kind.${k}`)}</Tag>
      ),
    },
    {
      title: t('change.col.content'),
      key: 'content',
      render: (_, c) => (
        <Flex vertical>
          <Typography.Text>{contentOf(t, c)}</Typography.Text>
          <Typography.Text type="secondary">{t('change.reasonLine', { reason: c.reason })}</Typography.Text>
          {c.attachmentNote && (
            <Typography.Text type="secondary">{t('change.attachmentLine', { note: c.attachmentNote })}</Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('change.col.status'),
      dataIndex: 'status',
      width: 130,
      render: (s: ChangeStatus) => (
        <Tag color={statusColors[s]} data-testid={`change-status-${s}`}>
          {t(`change.status.${s}`)}
        </Tag>
      ),
    },
    { title: t('change.col.progress'), key: 'progress', width: 260, render: (_, c) => <Progress change={c} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_, c) => <ChangeButtons projectId={project.id} change={c} />,
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{t('change.hint')}</Typography.Text>
        {page?.abilities.request && page.abilities.pendingKinds.length < 4 && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRequesting(true)} data-testid="change-add">
            {t('change.request')}
          </Button>
        )}
      </Flex>
      <Table<ProjectChange>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={page?.items ?? []}
        loading={changes.isFetching}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: <EmptyState text={changes.error?.message ?? t('change.empty')} /> }}
        data-testid="changes-table"
      />
      {requesting && page && (
        <ChangeRequestModal
          project={project}
          pendingKinds={page.abilities.pendingKinds}
          onClose={() => setRequesting(false)}
        />
      )}
    </Flex>
  );
}
