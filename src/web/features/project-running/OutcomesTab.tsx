import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Popconfirm, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useShowError } from '../../components/feedback';
import { EmptyState } from '../../components/States';
import { useT } from '../../i18n';
import { ConclusionCheckCard } from './ConclusionCheckCard';
import { enumLabel } from './labels';
import { OutputFormModal } from './OutputFormModal';
import { useDeleteOutput, useOutputs } from './running.api';
import type { Output, RunningProject } from './running.types';

/** 成果与结题: the project's outputs, and the conclusion check computed from them. */
export function OutcomesTab({ project }: { project: RunningProject }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const outputs = useOutputs(project.id);
  const remove = useDeleteOutput(project.id);
  const [adding, setAdding] = useState(false);

  const columns: TableColumnsType<Output> = [
    {
      title: t('running.outputs.kind'),
      dataIndex: 'kind',
      width: 100,
      render: (k: string) => <Tag>{enumLabel(t, 'running.outputKind', k)}</Tag>,
    },
    { title: t('running.outputs.name'), dataIndex: 'title' },
    {
      title: t('running.outputs.level'),
      dataIndex: 'level',
      width: 80,
      render: (l: string | null) => enumLabel(t, 'running.level', l),
    },
    {
      title: t('running.outputs.journal'),
      dataIndex: 'journal',
      width: 160,
      render: (j: string | null) => j ?? t('common.none'),
    },
    {
      title: t('running.outputs.charCount'),
      dataIndex: 'charCount',
      width: 80,
      render: (n: number | null) => n ?? t('common.none'),
    },
    {
      title: t('running.outputs.result'),
      dataIndex: 'result',
      width: 90,
      render: (r: string | null) => enumLabel(t, 'running.awardResult', r),
    },
    {
      title: t('running.outputs.onDate'),
      dataIndex: 'onDate',
      width: 110,
      render: (d: string | null) => d ?? t('common.none'),
    },
    {
      title: t('running.outputs.authors'),
      dataIndex: 'authors',
      width: 140,
      render: (authors: Output['authors']) => authors.map((a) => a.name).join('、') || t('common.none'),
    },
    {
      title: '',
      key: 'actions',
      width: 50,
      render: (_, output) =>
        output.abilities.delete && (
          <Popconfirm
            title={t('running.outputs.deleteConfirm', { title: output.title })}
            onConfirm={() =>
              remove.mutate(output.id, {
                onSuccess: () => message.success(t('common.deleted')),
                onError: (e) => showError(e),
              })
            }
          >
            <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid="output-delete" />
          </Popconfirm>
        ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Card
        title={t('running.outputs.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="output-add">
            {t('running.outputs.add')}
          </Button>
        }
      >
        <Table<Output>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={outputs.data?.items ?? []}
          loading={outputs.isFetching}
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: <EmptyState text={t('running.outputs.empty')} /> }}
          data-testid="outputs-table"
        />
      </Card>
      <ConclusionCheckCard project={project} />
      {adding && <OutputFormModal project={project} onClose={() => setAdding(false)} />}
    </Flex>
  );
}
