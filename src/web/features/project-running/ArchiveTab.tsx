import { DeleteOutlined, DownloadOutlined, FileZipOutlined, PaperClipOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Collapse,
  Flex,
  Input,
  Popconfirm,
  Space,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useShowError } from '../../components/feedback';
import { EmptyState, Loading } from '../../components/States';
import { useT } from '../../i18n';
import { ArchiveUpload } from './ArchiveUpload';
import { enumLabel } from './labels';
import { archiveZipUrl, fileUrl, useDeleteFile, useFiles } from './running.api';
import { type ArchiveFile, fileCategories, type RunningProject } from './running.types';

/** A byte count for people. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function useColumns(projectId: string): TableColumnsType<ArchiveFile> {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const remove = useDeleteFile(projectId);
  return [
    {
      title: t('running.archive.name'),
      dataIndex: 'name',
      render: (name: string, file) => (
        <a href={fileUrl(projectId, file.id)} data-testid="archive-file-link">
          <PaperClipOutlined /> {name}
        </a>
      ),
    },
    {
      title: t('running.archive.stage'),
      dataIndex: 'stage',
      width: 100,
      render: (s: string | null) => enumLabel(t, 'running.archiveStage', s),
    },
    { title: t('running.archive.size'), dataIndex: 'size', width: 90, render: formatSize },
    { title: t('running.archive.uploader'), dataIndex: 'uploadedByName', width: 100 },
    {
      title: t('running.archive.uploadedAt'),
      dataIndex: 'createdAt',
      width: 140,
      render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, file) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            icon={<DownloadOutlined />}
            href={fileUrl(projectId, file.id)}
            title={t('running.archive.download')}
          />
          {file.abilities.delete && (
            <Popconfirm
              title={t('running.archive.deleteConfirm', { name: file.name })}
              onConfirm={() =>
                remove.mutate(file.id, {
                  onSuccess: () => message.success(t('common.deleted')),
                  onError: (e) => showError(e),
                })
              }
            >
              <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid="archive-delete" />
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];
}

/** 档案袋: process materials grouped by category, upload, download one or all as a zip. */
export function ArchiveTab({ project }: { project: RunningProject }) {
  const t = useT();
  const files = useFiles(project.id);
  const [q, setQ] = useState('');
  const columns = useColumns(project.id);

  const groups = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const items = (files.data?.items ?? []).filter((f) => !needle || f.name.toLowerCase().includes(needle));
    return fileCategories
      .map((category) => ({ category, items: items.filter((f) => f.category === category) }))
      .filter((group) => group.items.length > 0);
  }, [files.data, q]);

  if (files.isLoading) return <Loading />;
  const canUpload = files.data?.abilities.upload ?? false;
  return (
    <Flex vertical gap={16}>
      {canUpload ? (
        <Card size="small" title={t('running.archive.upload')}>
          <ArchiveUpload projectId={project.id} />
        </Card>
      ) : (
        <Typography.Text type="secondary">{t('running.archive.noUpload')}</Typography.Text>
      )}
      <Flex justify="space-between" wrap gap={8}>
        <Input.Search
          allowClear
          placeholder={t('running.archive.name')}
          onChange={(e) => setQ(e.target.value)}
          style={{ width: 260 }}
          data-testid="archive-search"
        />
        <Button icon={<FileZipOutlined />} href={archiveZipUrl(project.id)} data-testid="archive-zip">
          {t('running.archive.zip')}
        </Button>
      </Flex>
      {groups.length === 0 ? (
        <EmptyState text={t('running.archive.empty')} />
      ) : (
        <Collapse
          key={groups.map((g) => g.category).join()}
          defaultActiveKey={groups.map((g) => g.category)}
          data-testid="archive-groups"
          items={groups.map((group) => ({
            key: group.category,
            label: (
              <Space>
                <Typography.Text strong>{enumLabel(t, 'running.fileCategory', group.category)}</Typography.Text>
                <Typography.Text type="secondary">
                  {t('running.archive.count', { n: group.items.length })}
                </Typography.Text>
              </Space>
            ),
            children: (
              <Table<ArchiveFile>
                rowKey="id"
                size="small"
                columns={columns}
                dataSource={group.items}
                pagination={false}
                scroll={{ x: 700 }}
              />
            ),
          }))}
        />
      )}
    </Flex>
  );
}
