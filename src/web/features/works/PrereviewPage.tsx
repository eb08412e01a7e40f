import { Badge, Button, Card, Flex, Segmented, Table, type TableColumnsType, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/States';
import { useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { AssignModal, DecideModal } from './EntryModals';
import { EntryStatusTag, WorkKindTag } from './labels';
import { ScoreModal } from './ScoreModal';
import { WorksNav } from './WorksNav';
import { authorNames } from './WorksTable';
import { ownAssignment, type PrereviewAssignment, type PrereviewItem, usePrereviews } from './works.api';

type Dialog =
  | { kind: 'score'; item: PrereviewItem; assignment: PrereviewAssignment }
  | { kind: 'assign' | 'decide'; item: PrereviewItem };

type State = 'pending' | 'done' | 'all';

/** 我的初审: only the works assigned to the caller, with their own score. */
function MyPrereviews({ open }: { open: (d: Dialog) => void }) {
  const t = useT();
  const me = useCurrentUser();
  const [state, setState] = useState<State>('pending');
  // one list serves both tabs: here only the entries assigned to the caller, by their own score
  const list = usePrereviews('all');
  const mine = (item: PrereviewItem) => ownAssignment(item, me.id);
  const items = (list.data?.items ?? []).filter((item) => {
    const own = mine(item);
    if (!own) return false;
    return state === 'all' || (state === 'done') === Boolean(own.submittedAt);
  });
  const columns: TableColumnsType<PrereviewItem> = [
    {
      title: t('prereview.colWork'),
      key: 'work',
      render: (_: unknown, item) => (
        <Flex gap={6} align="center" wrap>
          <WorkKindTag kind={item.work.kind} t={t} />
          <Link to={`/works/${item.work.id}`} data-testid="prereview-work">
            {item.work.title}
          </Link>
        </Flex>
      ),
    },
    {
      title: t('prereview.colCompetition'),
      key: 'competition',
      width: 200,
      render: (_: unknown, item) => item.entry.competitionName,
    },
    {
      title: t('works.colChars'),
      key: 'chars',
      width: 90,
      align: 'right',
      render: (_: unknown, item) => item.work.charCount?.toLocaleString() ?? t('common.none'),
    },
    {
      title: t('prereview.colScore'),
      key: 'score',
      width: 100,
      render: (_: unknown, item) => {
        const own = mine(item);
        return own?.submittedAt ? (
          <Tag color="green">
            {t('prereview.submitted')} {own.total}
          </Tag>
        ) : (
          <Tag>{t('prereview.pending')}</Tag>
        );
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_: unknown, item) => {
        const own = mine(item);
        if (!own?.abilities.score) return null;
        return (
          <Button
            size="small"
            type={own.submittedAt ? 'default' : 'primary'}
            onClick={() => open({ kind: 'score', item, assignment: own })}
            data-testid="prereview-score"
          >
            {own.submittedAt ? t('prereview.rescore') : t('prereview.score')}
          </Button>
        );
      },
    },
  ];
  return (
    <>
      <StateFilter value={state} onChange={setState} />
      <Table<PrereviewItem>
        rowKey={(item) => item.entry.id}
        columns={columns}
        dataSource={items}
        loading={list.isFetching}
        pagination={false}
        scroll={{ x: 760 }}
        locale={{ emptyText: <EmptyState text={list.isError ? list.error.message : t('prereview.emptyMine')} /> }}
        data-testid="prereview-mine-table"
      />
    </>
  );
}

function StateFilter({ value, onChange }: { value: State; onChange: (s: State) => void }) {
  const t = useT();
  return (
    <Segmented<State>
      value={value}
      onChange={onChange}
      options={[
        { value: 'pending', label: t('prereview.pending') },
        { value: 'done', label: t('prereview.submitted') },
        { value: 'all', label: t('common.allOrgs') },
      ]}
      style={{ marginBottom: 12 }}
    />
  );
}

/** 初审安排: the school's entries in pre-review, reviewers, scores, and the decision. */
function SchoolQueue({ open }: { open: (d: Dialog) => void }) {
  const t = useT();
  const [state, setState] = useState<State>('pending');
  const list = usePrereviews(state);
  const outside = t('work.outsideAuthor');
  const columns: TableColumnsType<PrereviewItem> = [
    {
      title: t('prereview.colWork'),
      key: 'work',
      render: (_: unknown, item) => (
        <Flex vertical gap={2}>
          <Flex gap={6} align="center" wrap>
            <WorkKindTag kind={item.work.kind} t={t} />
            <Link to={`/works/${item.work.id}`} data-testid="prereview-work">
              {item.work.title}
            </Link>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {authorNames(item.work, outside)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('prereview.colCompetition'),
      key: 'competition',
      width: 180,
      render: (_: unknown, item) => item.entry.competitionName,
    },
    {
      title: t('prereview.colReviewers'),
      key: 'reviewers',
      width: 220,
      render: (_: unknown, item) =>
        item.entry.prereviews.length === 0 ? (
          <Typography.Text type="secondary">{t('entries.noReviews')}</Typography.Text>
        ) : (
          <Flex wrap gap={4}>
            {item.entry.prereviews.map((p) => (
              <Tag key={p.id} color={p.submittedAt ? 'green' : 'default'}>
                {p.reviewerName}
                {p.total != null ? ` ${p.total}` : ''}
              </Tag>
            ))}
          </Flex>
        ),
    },
    {
      title: t('prereview.colScore'),
      key: 'mean',
      width: 80,
      render: (_: unknown, item) => item.entry.prereviewMean?.toFixed(1) ?? t('common.none'),
    },
    {
      title: t('prereview.colStatus'),
      key: 'status',
      width: 110,
      render: (_: unknown, item) => <EntryStatusTag status={item.entry.status} t={t} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 190,
      render: (_: unknown, item) => (
        <Flex gap={4} wrap>
          {item.entry.abilities.assign && (
            <Button size="small" onClick={() => open({ kind: 'assign', item })} data-testid="prereview-assign">
              {t('entries.assign')}
            </Button>
          )}
          {item.entry.abilities.decide && (
            <Button
              size="small"
              type="primary"
              onClick={() => open({ kind: 'decide', item })}
              data-testid="prereview-decide"
            >
              {t('entries.decide')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];
  return (
    <>
      <StateFilter value={state} onChange={setState} />
      <Table<PrereviewItem>
        rowKey={(item) => item.entry.id}
        columns={columns}
        dataSource={(list.data?.items ?? []).filter((item) => item.work.abilities.prereview)}
        loading={list.isFetching}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: <EmptyState text={list.isError ? list.error.message : t('prereview.emptyQueue')} /> }}
        data-testid="prereview-queue-table"
      />
    </>
  );
}

/** 校内初审: 我的初审 for every reviewer; 初审安排 for the school's research office. */
export function PrereviewPage() {
  const t = useT();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const manages = me.roles.some((grant) => ['sysadmin', 'school_director'].includes(grant.role));
  const all = usePrereviews('all');
  const pendingCount = (all.data?.items ?? []).filter((item) => {
    const own = ownAssignment(item, me.id);
    return own && !own.submittedAt;
  }).length;
  const tab = params.get('tab') === 'queue' && manages ? 'queue' : 'mine';
  const close = () => setDialog(null);

  const mine = (
    <Card>
      <MyPrereviews open={setDialog} />
    </Card>
  );
  return (
    <>
      <PageHeader title={t('prereview.title')} subtitle={t('prereview.subtitle')} />
      <WorksNav />
      {manages ? (
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'queue' ? { tab: 'queue' } : {}, { replace: true })}
          items={[
            {
              key: 'mine',
              label: (
                <Badge count={pendingCount} size="small" offset={[8, 0]}>
                  <span data-testid="prereview-tab-mine">{t('prereview.tabMine')}</span>
                </Badge>
              ),
              children: mine,
            },
            {
              key: 'queue',
              label: <span data-testid="prereview-tab-queue">{t('prereview.tabQueue')}</span>,
              children: (
                <Card>
                  <SchoolQueue open={setDialog} />
                </Card>
              ),
            },
          ]}
        />
      ) : (
        mine
      )}
      {dialog?.kind === 'score' && (
        <ScoreModal
          workId={dialog.item.work.id}
          entryId={dialog.item.entry.id}
          workTitle={dialog.item.work.title}
          assignment={dialog.assignment}
          onClose={close}
        />
      )}
      {dialog?.kind === 'assign' && <AssignModal work={dialog.item.work} entry={dialog.item.entry} onClose={close} />}
      {dialog?.kind === 'decide' && <DecideModal work={dialog.item.work} entry={dialog.item.entry} onClose={close} />}
    </>
  );
}
