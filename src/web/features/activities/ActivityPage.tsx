import { ArrowLeftOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Flex, Popconfirm, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { AttachmentList } from '../../components/AttachmentList';
import { useShowError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Loading, NotFound } from '../../components/States';
import { useT } from '../../i18n';
import { AttendanceSheet } from './AttendanceSheet';
import { type Activity, useActivity, useDeleteActivity } from './activities.api';
import { ActivityKindTag, timeRange } from './labels';

function Paragraphs({ text }: { text: string }) {
  return <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{text}</Typography.Paragraph>;
}

function details(t: ReturnType<typeof useT>, a: Activity) {
  const none = t('common.none');
  const when = `${dayjs(a.date).format('YYYY-MM-DD ddd')} ${timeRange(a.startsAt, a.endsAt)}`.trim();
  return [
    { key: 'kind', label: t('activity.kind'), children: <ActivityKindTag kind={a.kind} /> },
    { key: 'date', label: t('activity.date'), children: when },
    { key: 'place', label: t('activity.place'), children: a.place || none },
    { key: 'org', label: t('activity.org'), children: a.orgName ?? none },
    { key: 'presenter', label: t('activity.presenter'), children: a.presenterName ?? none },
    {
      key: 'project',
      label: t('activity.project'),
      children: a.projectId ? <Link to={`/projects/${a.projectId}`}>{a.projectTitle ?? a.projectId}</Link> : none,
    },
    ...(a.reviewedActivityId
      ? [
          {
            key: 'reviewed',
            label: t('activity.reviewed'),
            children: (
              <Link to={`/activities/${a.reviewedActivityId}`} data-testid="activity-reviewed-link">
                {a.reviewedActivityTitle ?? a.reviewedActivityId}
              </Link>
            ),
          },
        ]
      : []),
    ...(a.topic ? [{ key: 'topic', label: t('activity.topic'), children: a.topic, span: 3 }] : []),
  ];
}

/** An activity: what, when, where and who; the 四个统一 of a 集体备课; the record; the attendance sheet. */
export function ActivityPage() {
  const { id } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useShowError();
  const query = useActivity(id);
  const remove = useDeleteActivity();

  if (query.isPending) return <Loading height={400} />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404)
      return <NotFound text={t('activity.notFound')} />;
    return <EmptyState text={query.error.message} />;
  }
  const activity = query.data;
  const prep = activity.prep;
  const canEdit = activity.abilities?.edit ?? true;
  const canDelete = activity.abilities?.delete ?? false;

  return (
    <>
      <PageHeader
        title={activity.title}
        testId="activity-title-heading"
        subtitle={activity.topic ?? undefined}
        extra={
          <>
            <Link to="/activities">
              <Button icon={<ArrowLeftOutlined />}>{t('activity.back')}</Button>
            </Link>
            {canEdit && (
              <Button
                icon={<EditOutlined />}
                onClick={() => navigate(`/activities/${activity.id}/edit`)}
                data-testid="activity-edit"
              >
                {t('common.edit')}
              </Button>
            )}
            {canDelete && (
              <Popconfirm
                title={t('activity.deleteConfirm')}
                onConfirm={() =>
                  remove.mutate(activity.id, {
                    onSuccess: () => {
                      message.success(t('activity.deleted'));
                      navigate('/activities');
                    },
                    onError: (error) => showError(error),
                  })
                }
              >
                <Button danger icon={<DeleteOutlined />} data-testid="activity-delete">
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            )}
          </>
        }
      />
      <Card title={t('activity.details')} style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2, lg: 3 }} items={details(t, activity)} data-testid="activity-details" />
      </Card>
      {activity.kind === 'collective_prep' && prep && (
        <Card title={t('activity.prep')} style={{ marginBottom: 16 }} data-testid="activity-prep-view">
          <Descriptions
            column={{ xs: 1, md: 2 }}
            items={(['progress', 'goals', 'homework', 'exams', 'lessonPlans'] as const).map((field) => ({
              key: field,
              label: t(`activity.prep.${field}`),
              children: prep[field] ? <Paragraphs text={prep[field] ?? ''} /> : t('common.none'),
            }))}
          />
        </Card>
      )}
      <Flex vertical gap={16}>
        <Card title={t('activity.record')} data-testid="activity-record-view">
          {activity.record ? (
            <Paragraphs text={activity.record} />
          ) : (
            <Typography.Text type="secondary">{t('activity.noRecord')}</Typography.Text>
          )}
        </Card>
        <AttendanceSheet activity={activity} />
        <AttachmentList base={`/api/activities/${activity.id}`} />
      </Flex>
    </>
  );
}
