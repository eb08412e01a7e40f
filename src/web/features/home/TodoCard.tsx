import { CheckSquareOutlined } from '@ant-design/icons';
import { Badge, Card, Flex, List, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { EmptyState, Loading } from '../../components/States';
import { useT } from '../../i18n';
import { StageTag } from '../projects/labels';
import { type TodoItem, type TodoKind, todoKinds, useTodo } from './todo.api';

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
  score: 'magenta',
  prereview: 'lime',
  assign: 'blue',
  decide: 'green',
};

/** The line under an item: where it belongs, then its stage, its report's month or its deadline. */
function ItemMeta({ item }: { item: TodoItem }) {
  const t = useT();
  return (
    <Flex gap={8} align="center" style={{ minWidth: 0 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
        {item.context}
      </Typography.Text>
      {item.stage && <StageTag stage={item.stage} t={t} />}
      {item.month && (
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {t('home.todoMonth', { month: item.month })}
        </Typography.Text>
      )}
      {item.due && (
        <Typography.Text type="warning" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {t('home.todoDue', { at: dayjs(item.due).format('MM-DD HH:mm') })}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** 待我处理: what waits for the caller's own hand, counted by kind, newest first, each opening where it is done. */
export function TodoCard() {
  const t = useT();
  const todo = useTodo(SHOWN);
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
              <List.Item key={`${item.kind}|${item.link}|${item.month ?? ''}`} data-testid="home-todo-item">
                <Flex vertical gap={2} style={{ width: '100%', minWidth: 0 }}>
                  <Flex gap={6} align="center">
                    <Tag color={KIND_COLOR[item.kind]} style={{ marginInlineEnd: 0 }}>
                      {t(`home.todo.${item.kind}`)}
                    </Tag>
                    <Link to={item.link} style={{ flex: 1, minWidth: 0 }}>
                      <Typography.Text ellipsis style={{ color: 'inherit', width: '100%' }}>
                        {item.title}
                      </Typography.Text>
                    </Link>
                  </Flex>
                  <ItemMeta item={item} />
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
