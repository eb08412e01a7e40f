import { CheckSquareOutlined } from '@ant-design/icons';
import { Badge, Card, Flex, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { EmptyState, Loading } from '../../components/States';
import { useT } from '../../i18n';
import { StageTag } from '../projects/labels';
import { reportTodoKinds, type TodoKind, todoKinds, useProjectTodo } from '../projects/projects.api';

const SHOWN = 6;
const KIND_COLOR: Record<TodoKind, string> = {
  submit: 'default',
  recommend: 'blue',
  approve: 'geekblue',
  open: 'cyan',
  conclude: 'orange',
  report: 'gold',
  revise: 'red',
  check: 'purple',
};

/** 待我处理: the projects waiting for the caller's own step or monthly report, counted by kind, newest first. */
export function ProjectTodoCard() {
  const t = useT();
  const todo = useProjectTodo(SHOWN);
  const data = todo.data;
  return (
    <Card
      title={
        <Flex gap={8} align="center">
          <CheckSquareOutlined />
          {t('home.todoTitle')}
          {data && data.total > 0 && <Badge count={data.total} overflowCount={999} />}
        </Flex>
      }
      data-testid="home-todo"
    >
      {todo.isPending ? (
        <Loading height={120} />
      ) : !data || data.total === 0 ? (
        <EmptyState text={t('home.todoEmpty')} />
      ) : (
        <Flex vertical gap={8}>
          <Flex wrap gap={6} data-testid="home-todo-counts">
            {todoKinds
              .filter((kind) => data.counts[kind] > 0)
              .map((kind) => (
                <Tag key={kind} color={KIND_COLOR[kind]}>
                  {t(`home.todo.${kind}`)} {data.counts[kind]}
                </Tag>
              ))}
          </Flex>
          <List
            size="small"
            dataSource={data.items}
            renderItem={(item) => (
              <List.Item key={item.projectId} data-testid="home-todo-item">
                <Flex vertical gap={2} style={{ width: '100%', minWidth: 0 }}>
                  <Flex gap={6} align="center">
                    <Tag color={KIND_COLOR[item.kind]} style={{ marginInlineEnd: 0 }}>
                      {t(`home.todo.${item.kind}`)}
                    </Tag>
                    <Link
                      to={`/projects/${item.projectId}${reportTodoKinds.has(item.kind) ? '?tab=reports' : ''}`}
                      style={{ flex: 1, minWidth: 0 }}
                    >
                      <Typography.Text ellipsis style={{ color: 'inherit', width: '100%' }}>
                        {item.title}
                      </Typography.Text>
                    </Link>
                  </Flex>
                  <Flex gap={8} align="center">
                    <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                      {item.orgName}
                    </Typography.Text>
                    {item.month ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('home.todoMonth', { month: item.month })}
                      </Typography.Text>
                    ) : (
                      <StageTag stage={item.stage} t={t} />
                    )}
                  </Flex>
                </Flex>
              </List.Item>
            )}
          />
          {data.total > data.items.length && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('home.todoMore', { n: data.total - data.items.length })}
            </Typography.Text>
          )}
          {data.truncated && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('home.todoTruncated')}
            </Typography.Text>
          )}
        </Flex>
      )}
    </Card>
  );
}
