import { ArrowLeftOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Popconfirm, Space, Tabs, Tag } from 'antd';
import dayjs from 'dayjs';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useShowError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { Loading, NotFound } from '../../components/States';
import { useT } from '../../i18n';
import { AssignmentsPanel } from './AssignmentsPanel';
import { ConflictsPanel } from './ConflictsPanel';
import { ResultsPanel } from './ResultsPanel';
import { BlindTag, RoundKindTag, RoundStatusTag } from './ReviewTags';
import { useRound, useUpdateRound } from './reviews.api';

/** One review round for the managing side: details, assignments, progress and ranked results. */
export function RoundPage() {
  const t = useT();
  const { id } = useParams();
  const { message } = App.useApp();
  const showError = useShowError();
  const round = useRound(id);
  const update = useUpdateRound();

  if (round.isLoading) return <Loading />;
  if (round.error instanceof ApiError && round.error.status === 404) return <NotFound />;
  const data = round.data;
  if (!data) return <NotFound />;

  const toggle = () => {
    const status = data.status === 'open' ? 'closed' : 'open';
    update.mutate(
      { id: data.id, version: data.version, status },
      {
        onSuccess: () => message.success(t(status === 'closed' ? 'reviews.round.closed' : 'reviews.round.reopened')),
        onError: (e) => showError(e, { conflict: 'common.conflict' }),
      },
    );
  };

  return (
    <>
      <Link to="/reviews">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          {t('reviews.round.back')}
        </Button>
      </Link>
      <PageHeader
        title={data.title}
        testId="round-title-heading"
        subtitle={
          <Space size={4}>
            <RoundKindTag kind={data.kind} />
            <BlindTag blind={data.blind} />
            <RoundStatusTag status={data.status} />
          </Space>
        }
        extra={
          data.abilities.update &&
          (data.status === 'open' ? (
            <Popconfirm title={t('reviews.round.closeConfirm')} onConfirm={toggle}>
              <Button loading={update.isPending} data-testid="round-close">
                {t('reviews.round.close')}
              </Button>
            </Popconfirm>
          ) : (
            <Button loading={update.isPending} onClick={toggle} data-testid="round-reopen">
              {t('reviews.round.reopen')}
            </Button>
          ))
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('reviews.projectCount')}>{data.projectCount}</Descriptions.Item>
          <Descriptions.Item label={t('reviews.expertCount')}>
            {data.expertCount}
            {data.experts && data.experts.length > 0 && `（${data.experts.map((e) => e.name).join('、')}）`}
          </Descriptions.Item>
          <Descriptions.Item label={t('reviews.expertsPerItem')}>{data.expertsPerItem}</Descriptions.Item>
          <Descriptions.Item label={t('reviews.rubric')} span={2}>
            <Space size={4} wrap>
              {data.rubric.map((c) => (
                <Tag key={c.key}>{t('reviews.round.rubricLine', { label: c.label, weight: c.weight })}</Tag>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('reviews.createdAt')}>
            {dayjs(data.createdAt).format('YYYY-MM-DD')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card>
        <Tabs
          items={[
            { key: 'assignments', label: t('reviews.round.assignments'), children: <AssignmentsPanel round={data} /> },
            ...(data.abilities.results
              ? [{ key: 'results', label: t('reviews.round.results'), children: <ResultsPanel round={data} /> }]
              : []),
            ...(data.abilities.update && data.experts
              ? [
                  {
                    key: 'conflicts',
                    label: t('reviews.conflicts.title'),
                    children: <ConflictsPanel experts={data.experts} />,
                  },
                ]
              : []),
          ]}
          data-testid="round-tabs"
        />
      </Card>
    </>
  );
}
