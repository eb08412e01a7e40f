import { Alert, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { EmptyState } from '../../components/States';
import { useT } from '../../i18n';
import { officeLabel, rowTestId } from './labels';
import { type AssessmentScope, type RewardRow, useRewards } from './office.api';

/** 奖励名单: the rewards earned by awards in the period (参赛费补助…), each with its award. */
export function RewardsTab({ scope }: { scope: AssessmentScope }) {
  const t = useT();
  const rewards = useRewards(scope);
  if (rewards.isError) return <Alert type="error" showIcon title={rewards.error.message} />;
  return (
    <Table<RewardRow>
      rowKey={(row) => `${row.rewardKey}-${row.entryId}-${row.personId}`}
      size="middle"
      loading={rewards.isFetching}
      dataSource={rewards.data ?? []}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: <EmptyState text={t('assessment.rewardsEmpty')} /> }}
      onRow={(row) => rowTestId(`reward-row-${row.personId}`)}
      scroll={{ x: 900 }}
      columns={[
        {
          title: t('assessment.teacher'),
          dataIndex: 'name',
          width: 110,
          render: (name: string, row) => <Link to={`/people/${row.personId}`}>{name}</Link>,
        },
        {
          title: t('assessment.reward'),
          dataIndex: 'rewardLabel',
          width: 140,
          render: (label: string) => <Tag color="gold">{label}</Tag>,
        },
        {
          title: t('assessment.work'),
          dataIndex: 'title',
          render: (title: string, row) => <Link to={`/works/${row.workId}`}>{title}</Link>,
        },
        {
          title: t('assessment.award'),
          key: 'award',
          width: 240,
          render: (_: unknown, row) => (
            <span>
              {row.competition}
              <Typography.Text type="secondary" style={{ marginLeft: 6 }}>
                {officeLabel(t, 'level', row.level)}
                {officeLabel(t, 'awardResult', row.result)}
              </Typography.Text>
            </span>
          ),
        },
        { title: t('assessment.date'), dataIndex: 'resultOn', width: 110 },
        {
          title: t('assessment.amount'),
          dataIndex: 'amount',
          width: 110,
          align: 'right',
          render: (amount: number | null) => (amount === null ? t('rules.rewards.amountOpen') : amount),
        },
      ]}
      data-testid="rewards-table"
    />
  );
}
