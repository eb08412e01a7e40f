import { DeleteOutlined, DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Flex,
  Popconfirm,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useShowError } from '../../components/feedback';
import { EmptyState } from '../../components/States';
import { useT } from '../../i18n';
import { AssignModal, DecideModal, EnterModal, ResultModal } from './EntryModals';
import { EntryStatusTag, levelLabel, ResultTag } from './labels';
import { ScoreModal } from './ScoreModal';
import {
  type PrereviewAssignment,
  useDeleteEntry,
  useUpdateEntry,
  useUploadCertificate,
  type Work,
  type WorkEntry,
} from './works.api';

type Dialog =
  | { kind: 'enter' }
  | { kind: 'assign' | 'decide' | 'result'; entry: WorkEntry }
  | { kind: 'score'; entry: WorkEntry; assignment: PrereviewAssignment };

/** The pre-review of an entry in one cell: who reviews, who has scored, the mean. */
function ReviewsCell({ entry, onScore }: { entry: WorkEntry; onScore: (a: PrereviewAssignment) => void }) {
  const t = useT();
  if (entry.prereviews.length === 0)
    return <Typography.Text type="secondary">{t('entries.noReviews')}</Typography.Text>;
  const done = entry.prereviews.filter((p) => p.submittedAt);
  return (
    <Flex vertical gap={4}>
      <Flex wrap gap={4}>
        {entry.prereviews.map((p) => (
          <Tooltip key={p.id} title={p.comment || undefined}>
            <Tag color={p.submittedAt ? 'green' : 'default'} data-testid="entry-reviewer">
              {p.reviewerName}
              {p.total != null ? ` ${p.total}` : ''}
            </Tag>
          </Tooltip>
        ))}
      </Flex>
      {entry.prereviewMean != null && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('entries.meanScore', { score: entry.prereviewMean.toFixed(1), n: done.length })}
        </Typography.Text>
      )}
      {entry.prereviews
        .filter((p) => p.abilities.score)
        .map((p) => (
          <Button key={p.id} size="small" type="primary" onClick={() => onScore(p)} data-testid="entry-score">
            {p.submittedAt ? t('prereview.rescore') : t('prereview.score')}
          </Button>
        ))}
    </Flex>
  );
}

/** The actions on one entry the caller may take, from the entry's abilities. */
function EntryActions({ work, entry, open }: { work: Work; entry: WorkEntry; open: (d: Dialog) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const update = useUpdateEntry(work.id);
  const remove = useDeleteEntry(work.id);
  const upload = useUploadCertificate(work.id);
  const a = entry.abilities;
  return (
    <Flex wrap gap={4}>
      {a.assign && entry.status === 'prereview' && (
        <Button size="small" onClick={() => open({ kind: 'assign', entry })} data-testid="entry-assign">
          {t('entries.assign')}
        </Button>
      )}
      {a.decide && (
        <Button size="small" onClick={() => open({ kind: 'decide', entry })} data-testid="entry-decide">
          {t('entries.decide')}
        </Button>
      )}
      {a.update && entry.status === 'recommended' && (
        <Button
          size="small"
          loading={update.isPending}
          onClick={() =>
            update.mutate(
              { entryId: entry.id, version: entry.version, status: 'submitted' },
              { onError: (error) => showError(error, { conflict: 'common.conflict' }) },
            )
          }
          data-testid="entry-submitted"
        >
          {t('entries.submit')}
        </Button>
      )}
      {a.result && (
        <Button
          size="small"
          type="primary"
          ghost
          onClick={() => open({ kind: 'result', entry })}
          data-testid="entry-result-btn"
        >
          {t('entries.recordResult')}
        </Button>
      )}
      {a.uploadCertificate && entry.result && (
        <Upload
          accept=".pdf,.jpg,.jpeg,.png"
          showUploadList={false}
          beforeUpload={(file) => {
            upload.mutate(
              { entryId: entry.id, file },
              {
                onSuccess: () => message.success(t('resultForm.certificateUploaded')),
                onError: (error) => showError(error),
              },
            );
            return false;
          }}
        >
          <Button
            size="small"
            icon={<UploadOutlined />}
            loading={upload.isPending}
            data-testid="entry-certificate-upload"
          >
            {t('entries.certificate')}
          </Button>
        </Upload>
      )}
      {a.delete && (
        <Popconfirm
          title={t('entries.deleteConfirm')}
          okButtonProps={{ danger: true }}
          onConfirm={() => remove.mutateAsync(entry.id).catch((error: unknown) => showError(error))}
        >
          <Button size="small" danger icon={<DeleteOutlined />} />
        </Popconfirm>
      )}
    </Flex>
  );
}

/** 参加评比: every entry of the work with its pre-review, status, result and certificate. */
export function EntriesCard({ work }: { work: Work }) {
  const t = useT();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const entries = work.entries ?? [];
  const close = () => setDialog(null);

  const columns: TableColumnsType<WorkEntry> = [
    {
      title: t('entries.colCompetition'),
      key: 'competition',
      render: (_: unknown, e) => (
        <Flex vertical>
          <Typography.Text strong>{e.competitionName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[levelLabel(t, e.competitionLevel), e.editionTitle ?? String(e.year)].join(' · ')}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('entries.colEnteredOn'), dataIndex: 'enteredOn', width: 108 },
    {
      title: t('entries.colReviews'),
      key: 'reviews',
      width: 200,
      render: (_: unknown, e) => (
        <ReviewsCell entry={e} onScore={(assignment) => setDialog({ kind: 'score', entry: e, assignment })} />
      ),
    },
    {
      title: t('entries.colStatus'),
      dataIndex: 'status',
      width: 110,
      render: (_: unknown, e) => (
        <Tooltip title={e.decisionComment || undefined}>
          <span>
            <EntryStatusTag status={e.status} t={t} />
          </span>
        </Tooltip>
      ),
    },
    {
      title: t('entries.colResult'),
      dataIndex: 'result',
      width: 110,
      render: (_: unknown, e) => (
        <Flex vertical gap={2}>
          <ResultTag result={e.result} t={t} />
          {e.resultOn && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {e.resultOn}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('entries.colCertificate'),
      key: 'certificate',
      width: 90,
      render: (_: unknown, e) =>
        e.certificate ? (
          <a href={e.certificate.url} download title={e.certificate.name} data-testid="entry-certificate">
            <DownloadOutlined /> {t('entries.certificate')}
          </a>
        ) : (
          t('common.none')
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_: unknown, e) => <EntryActions work={work} entry={e} open={setDialog} />,
    },
  ];

  return (
    <Card
      title={t('entries.title')}
      extra={
        work.abilities.enter && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDialog({ kind: 'enter' })}
            data-testid="entry-add"
          >
            {t('entries.add')}
          </Button>
        )
      }
      data-testid="work-entries"
    >
      <Table<WorkEntry>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={entries}
        pagination={false}
        scroll={{ x: 980 }}
        locale={{ emptyText: <EmptyState text={t('entries.empty')} /> }}
        data-testid="entries-table"
      />
      {dialog?.kind === 'enter' && <EnterModal work={work} onClose={close} />}
      {dialog?.kind === 'assign' && <AssignModal work={work} entry={dialog.entry} onClose={close} />}
      {dialog?.kind === 'decide' && <DecideModal work={work} entry={dialog.entry} onClose={close} />}
      {dialog?.kind === 'result' && <ResultModal work={work} entry={dialog.entry} onClose={close} />}
      {dialog?.kind === 'score' && (
        <ScoreModal
          workId={work.id}
          entryId={dialog.entry.id}
          workTitle={work.title}
          assignment={dialog.assignment}
          onClose={close}
        />
      )}
    </Card>
  );
}
