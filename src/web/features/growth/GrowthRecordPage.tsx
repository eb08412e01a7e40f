import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, FolderOpenOutlined, LinkOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Flex, Popconfirm, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { AttachmentList } from '../../components/AttachmentList';
import { useShowError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Loading, NotFound } from '../../components/States';
import { useT } from '../../i18n';
import { fieldLabels, GrowthRecordModal } from './GrowthRecordModal';
import { useDeleteGrowth, useGrowthRecord } from './growth.api';
import { GrowthKindTag } from './labels';

/** One growth record: every field of its kind, with edit and delete for its owner. */
export function GrowthRecordPage() {
  const { id } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useShowError();
  const record = useGrowthRecord(id);
  const remove = useDeleteGrowth();
  const [editing, setEditing] = useState(false);

  if (record.isPending) return <Loading height={400} />;
  if (record.isError) {
    if (record.error instanceof ApiError && [403, 404].includes(record.error.status))
      return <NotFound text={t('growth.record.notFound')} />;
    return <EmptyState text={record.error.message} />;
  }
  const data = record.data;
  const canEdit = data.abilities.update;
  const canDelete = data.abilities.delete;

  const items = [
    { key: 'kind', label: t('growth.form.kind'), children: <GrowthKindTag kind={data.kind} t={t} /> },
    { key: 'date', label: t('growth.form.date'), children: data.date },
    {
      key: 'teacher',
      label: t('growth.record.teacher'),
      children: <Link to={`/people/${data.personId}/growth`}>{data.personName}</Link>,
    },
    ...(data.kind === 'reading' && data.bookKind
      ? [{ key: 'bookKind', label: t('growth.form.bookKind'), children: <Tag>{t(`bookKind.${data.bookKind}`)}</Tag> }]
      : []),
    ...(data.kind === 'training'
      ? [
          {
            key: 'hours',
            label: t('growth.form.hours'),
            children: data.hours != null ? t('growth.hoursValue', { n: data.hours }) : t('common.none'),
          },
        ]
      : []),
    ...(data.kind === 'platform' && data.url
      ? [
          {
            key: 'url',
            label: t('growth.form.url'),
            children: (
              <a href={data.url} target="_blank" rel="noreferrer" data-testid="growth-record-url">
                <LinkOutlined /> {data.url}
              </a>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingLeft: 0 }} onClick={() => navigate(-1)}>
        {t('growth.record.back')}
      </Button>
      <PageHeader
        title={data.title}
        testId="growth-record-title"
        extra={
          <>
            <Link to={`/people/${data.personId}/growth`}>
              <Button icon={<FolderOpenOutlined />}>{t('growth.record.archive')}</Button>
            </Link>
            {canEdit && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="growth-edit">
                {t('common.edit')}
              </Button>
            )}
            {canDelete && (
              <Popconfirm
                title={t('growth.record.deleteConfirm')}
                okButtonProps={{ danger: true }}
                onConfirm={() =>
                  remove.mutateAsync(data.id).then(
                    () => {
                      message.success(t('common.deleted'));
                      navigate('/growth', { replace: true });
                    },
                    (error: unknown) => showError(error),
                  )
                }
              >
                <Button danger icon={<DeleteOutlined />} data-testid="growth-delete">
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            )}
          </>
        }
      />
      <Flex vertical gap={16}>
        <Card>
          <Descriptions column={{ xs: 1, md: 3 }} items={items} />
        </Card>
        {data.text && (
          <Card title={t(fieldLabels(data.kind).text)}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="growth-record-text">
              {data.text}
            </Typography.Paragraph>
          </Card>
        )}
        {data.kind === 'study' && (
          <Card title={t('growth.form.reportBack')}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {data.reportBack || t('common.none')}
            </Typography.Paragraph>
          </Card>
        )}
        <AttachmentList base={`/api/growth/${data.id}`} />
      </Flex>
      {editing && <GrowthRecordModal record={data} onClose={() => setEditing(false)} />}
    </>
  );
}
