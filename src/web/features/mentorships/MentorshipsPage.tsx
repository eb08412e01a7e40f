import { ArrowRightOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/States';
import { useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { managesSchool } from '../growth/labels';
import { PersonSelect } from '../projects/PersonSelect';
import { EvaluationTags, PairStatusTag } from './labels';
import { MentorshipFormModal } from './MentorshipFormModal';
import {
  type Mentorship,
  type MentorshipFilters,
  type MentorshipStatus,
  mentorshipStatuses,
  useMentorships,
} from './mentorships.api';
import { lastMonthMissing, previousMonth } from './monthlyDue';

/** 青蓝工程: every mentoring pair in the caller's scope; the director creates pairs. */
export function MentorshipsPage() {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<MentorshipFilters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [creating, setCreating] = useState(false);
  const pairs = useMentorships(filters, page, pageSize);
  const change = (next: MentorshipFilters) => {
    setFilters(next);
    setPage(1);
  };

  const columns: TableColumnsType<Mentorship> = [
    {
      title: t('mentor.colPair'),
      key: 'pair',
      render: (_: unknown, pair) => (
        <Link to={`/mentorships/${pair.id}`} data-testid="pair-row">
          <Flex gap={6} align="center" wrap>
            <Typography.Text strong>{pair.mentorName}</Typography.Text>
            <ArrowRightOutlined style={{ color: '#8c8c8c', fontSize: 12 }} />
            <Typography.Text strong>{pair.menteeName}</Typography.Text>
          </Flex>
        </Link>
      ),
    },
    ...(new Set(pairs.data?.items.map((pair) => pair.orgId)).size > 1
      ? [{ title: t('mentor.colSchool'), dataIndex: 'orgName', width: 160, ellipsis: true }]
      : []),
    { title: t('mentor.colSince'), dataIndex: 'startsOn', width: 110 },
    {
      title: t('mentor.colGoals'),
      dataIndex: 'goals',
      ellipsis: true,
      render: (goals: string | null) =>
        goals || <Typography.Text type="secondary">{t('mentor.noText')}</Typography.Text>,
    },
    {
      title: t('mentor.colStatus'),
      dataIndex: 'status',
      width: 90,
      render: (status: string) => <PairStatusTag status={status} t={t} />,
    },
    {
      title: t('mentor.colMutual'),
      key: 'mutual',
      width: 190,
      render: (_: unknown, pair) =>
        t('mentor.mutualValue', {
          a: pair.mutualObservations.mentorObservedMentee,
          b: pair.mutualObservations.menteeObservedMentor,
        }),
    },
    {
      title: t('mentor.colMonthly'),
      key: 'monthly',
      width: 150,
      render: (_: unknown, pair) => {
        const today = new Date();
        return (
          <Flex vertical gap={2} data-testid="pair-monthly">
            <span>
              {t('mentor.monthlyValue', { n: pair.assessmentCount })}
              {pair.lastAssessedMonth && (
                <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
                  {t('mentor.monthlyLast', { month: pair.lastAssessedMonth })}
                </Typography.Text>
              )}
            </span>
            {lastMonthMissing(pair, today) && (
              <Tag color="orange" style={{ width: 'fit-content' }}>
                {t('mentor.monthlyMissing', { month: previousMonth(today) })}
              </Tag>
            )}
          </Flex>
        );
      },
    },
    {
      title: t('mentor.colEvaluation'),
      key: 'evaluation',
      width: 170,
      render: (_: unknown, pair) => <EvaluationTags evaluation={pair.evaluation} t={t} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('mentor.title')}
        subtitle={t('mentor.subtitle')}
        extra={
          managesSchool(me.roles) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="pair-add">
              {t('mentor.add')}
            </Button>
          )
        }
      />
      <Card>
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <PersonSelect
            value={filters.personId}
            onChange={(personId) => change({ ...filters, personId })}
            placeholder={t('growth.filterTeacher')}
            width={200}
            testId="pair-filter-person"
          />
          <Select
            allowClear
            placeholder={t('mentor.filterStatus')}
            value={filters.status}
            onChange={(status?: MentorshipStatus) => change({ ...filters, status })}
            options={mentorshipStatuses.map((value) => ({ value, label: t(`mentor.status.${value}`) }))}
            style={{ width: 120 }}
            data-testid="pair-filter-status"
          />
        </Flex>
        <Table<Mentorship>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={pairs.data?.items ?? []}
          loading={pairs.isFetching}
          scroll={{ x: 960 }}
          locale={{ emptyText: <EmptyState text={pairs.isError ? pairs.error.message : t('mentor.empty')} /> }}
          pagination={{
            current: page,
            pageSize,
            total: pairs.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('common.total', { n }),
            onChange: (nextPage, nextSize) => {
              setPage(nextSize === pageSize ? nextPage : 1);
              setPageSize(nextSize);
            },
          }}
          data-testid="pairs-table"
        />
      </Card>
      {creating && (
        <MentorshipFormModal onClose={() => setCreating(false)} onCreated={(id) => navigate(`/mentorships/${id}`)} />
      )}
    </>
  );
}
