import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Table, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Forbidden } from '../../components/States';
import { useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { offersManaging, offersReviewing } from './access';
import { ConflictsPanel } from './ConflictsPanel';
import { MyTasks } from './MyTasks';
import { BlindTag, RoundKindTag, RoundStatusTag } from './ReviewTags';
import { RoundFormDrawer } from './RoundFormDrawer';
import { useRounds } from './reviews.api';
import type { Round } from './reviews.types';

/** 专家评审: rounds for the managing side, and 我的评审任务 for experts. */
export function ReviewsPage() {
  const t = useT();
  const me = useCurrentUser();
  const rounds = useRounds();
  const [creating, setCreating] = useState(false);
  const managing = offersManaging(me);
  const items = rounds.data?.items ?? [];
  const managed = items.filter((round) => round.abilities.update);
  const reviewing = offersReviewing(me) || items.some((round) => !round.abilities.update);

  if (!managing && !reviewing) return <Forbidden />;

  const columns: TableColumnsType<Round> = [
    {
      title: t('reviews.roundTitle'),
      dataIndex: 'title',
      render: (title: string, round) => (
        <Link to={`/reviews/${round.id}`} data-testid="round-link">
          {title}
        </Link>
      ),
    },
    {
      title: t('reviews.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (kind: Round['kind']) => <RoundKindTag kind={kind} />,
    },
    {
      title: t('reviews.blind'),
      dataIndex: 'blind',
      width: 80,
      render: (blind: boolean) => <BlindTag blind={blind} />,
    },
    { title: t('reviews.projectCount'), dataIndex: 'projectCount', width: 80 },
    { title: t('reviews.expertCount'), dataIndex: 'expertCount', width: 80 },
    { title: t('reviews.expertsPerItem'), dataIndex: 'expertsPerItem', width: 100 },
    {
      title: t('reviews.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: Round['status']) => <RoundStatusTag status={s} />,
    },
    {
      title: t('reviews.createdAt'),
      dataIndex: 'createdAt',
      width: 120,
      render: (at: string) => dayjs(at).format('YYYY-MM-DD'),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('reviews.title')}
        subtitle={managing ? t('reviews.subtitle') : t('reviews.expertSubtitle')}
        testId="reviews-title"
        extra={
          managing && (
            <Flex gap={8}>
              {me.roles.some((g) => g.role === 'research_admin' || g.role === 'sysadmin') && (
                <Link to="/conclusion-rules" data-testid="conclusion-rules-link">
                  <Button>{t('running.rules.link')}</Button>
                </Link>
              )}
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="round-create"
              >
                {t('reviews.create')}
              </Button>
            </Flex>
          )
        }
      />
      <Flex vertical gap={16}>
        {reviewing && <MyTasks rounds={items} />}
        {offersReviewing(me) && (
          <Card title={t('reviews.conflicts.mine')}>
            <ConflictsPanel experts={[{ id: me.id, name: me.name }]} canAdd={me.abilities.readPeople} />
          </Card>
        )}
        {managing && (
          <Card title={t('reviews.rounds')}>
            <Table<Round>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={managed}
              loading={rounds.isFetching}
              pagination={false}
              scroll={{ x: 900 }}
              locale={{ emptyText: <EmptyState text={t('reviews.empty')} /> }}
              data-testid="rounds-table"
            />
          </Card>
        )}
      </Flex>
      {creating && <RoundFormDrawer onClose={() => setCreating(false)} />}
    </>
  );
}
