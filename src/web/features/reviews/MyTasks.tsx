import { Button, Card, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { EmptyState } from '../../components/States';
import { useT } from '../../i18n';
import { RoundKindTag } from './ReviewTags';
import { useAssignmentsOf } from './reviews.api';
import type { Assignment, Round } from './reviews.types';

interface Task extends Assignment {
  round: Round;
}

/** 我的评审任务: the expert's assignments across open rounds. */
export function MyTasks({ rounds }: { rounds: Round[] }) {
  const t = useT();
  const reviewing = rounds.filter((round) => round.abilities.score || !round.abilities.update);
  const results = useAssignmentsOf(reviewing.map((round) => round.id));
  const tasks: Task[] = reviewing.flatMap((round, index) =>
    (results[index]?.data?.items ?? []).map((assignment) => ({ ...assignment, round })),
  );
  const done = tasks.filter((task) => task.submitted).length;

  const columns: TableColumnsType<Task> = [
    {
      title: t('reviews.tasks.round'),
      key: 'round',
      render: (_, task) => (
        <>
          <RoundKindTag kind={task.round.kind} /> {task.round.title}
        </>
      ),
    },
    { title: t('reviews.code'), dataIndex: 'code', width: 100 },
    { title: t('reviews.projectTitle'), dataIndex: 'title' },
    {
      title: t('reviews.status'),
      key: 'submitted',
      width: 150,
      render: (_, task) =>
        task.submitted ? (
          <Tag color="success">
            {t('reviews.round.submitted')} {task.total?.toFixed(1)}
          </Tag>
        ) : (
          <Tag color="warning">{t('reviews.round.notSubmitted')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, task) => (
        <Link to={`/reviews/${task.roundId}/assignments/${task.id}`}>
          <Button size="small" type={task.submitted ? 'default' : 'primary'} data-testid="task-score">
            {task.abilities.score
              ? task.submitted
                ? t('reviews.tasks.rescore')
                : t('reviews.tasks.score')
              : t('reviews.tasks.view')}
          </Button>
        </Link>
      ),
    },
  ];

  return (
    <Card
      title={t('reviews.tasks.title')}
      extra={
        tasks.length > 0 && (
          <Typography.Text type="secondary">{t('reviews.tasks.done', { done, total: tasks.length })}</Typography.Text>
        )
      }
    >
      <Table<Task>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={tasks}
        loading={results.some((r) => r.isFetching)}
        pagination={false}
        locale={{ emptyText: <EmptyState text={t('reviews.tasks.empty')} /> }}
        data-testid="my-tasks"
      />
    </Card>
  );
}
