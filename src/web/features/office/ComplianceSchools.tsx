import { Alert, Card, Col, Flex, Progress, Row, Statistic, type TableColumnsType, Typography } from 'antd';
import { useT } from '../../i18n';
import { officeLabel } from './labels';
import { type ComplianceSchools as Answer, type Scope, useComplianceSchools } from './office.api';
import { SchoolsTable, schoolColumns } from './schoolColumns';

type SchoolRow = Answer['items'][number];
type RuleCount = SchoolRow['byRule'][number];

const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 100) : 0);
const metShare = (c: RuleCount | undefined) => (c?.bound ? c.met / c.bound : Number.POSITIVE_INFINITY);

/**
 * 各校达标情况: a district's or city's compliance school by school (its office compares schools before opening
 * one), with the whole scope's figures on top. The schools most behind come first.
 */
export function ComplianceSchools({ scope, onOpen }: { scope: Scope; onOpen: (orgId: string) => void }) {
  const t = useT();
  const answer = useComplianceSchools(scope);
  if (answer.isError) return <Alert type="error" showIcon title={answer.error.message} />;
  const data = answer.data;
  const rules = data?.summary.byRule ?? [];
  const rows = [...(data?.items ?? [])].sort(
    (a, b) =>
      b.behind / Math.max(b.teachers, 1) - a.behind / Math.max(a.teachers, 1) ||
      a.orgName.localeCompare(b.orgName, 'zh-CN', { numeric: true }),
  );

  const first = schoolColumns(t, rows, onOpen, 'compliance-school');
  const columns: TableColumnsType<SchoolRow> = [
    ...first.columns,
    {
      title: t('compliance.teachers'),
      dataIndex: 'teachers',
      width: 90,
      align: 'right',
      sorter: (a, b) => a.teachers - b.teachers,
    },
    {
      title: t('compliance.behindTeachers'),
      key: 'behind',
      width: 130,
      align: 'right',
      sorter: (a, b) => a.behind / Math.max(a.teachers, 1) - b.behind / Math.max(b.teachers, 1),
      render: (_: unknown, row) => (
        <Typography.Text
          type={row.behind ? 'danger' : 'secondary'}
          data-testid={`compliance-school-behind-${row.orgId}`}
        >
          {t('compliance.behindOf', { n: row.behind, percent: percent(row.behind, row.teachers) })}
        </Typography.Text>
      ),
    },
    ...rules.map((r): TableColumnsType<SchoolRow>[number] => ({
      title: officeLabel(t, 'ruleKey', r.rule, r.label),
      key: r.rule,
      width: 140,
      sorter: (a, b) =>
        metShare(a.byRule.find((c) => c.rule === r.rule)) - metShare(b.byRule.find((c) => c.rule === r.rule)),
      render: (_: unknown, row) => <RuleRate count={row.byRule.find((c) => c.rule === r.rule)} />,
    })),
  ];

  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6} lg={4}>
          <Card size="small">
            <Statistic
              title={t('compliance.totalTeachers')}
              value={data?.summary.teachers ?? 0}
              loading={answer.isPending}
              data-testid="compliance-total-teachers"
            />
          </Card>
        </Col>
        <Col xs={12} md={6} lg={4}>
          <Card size="small">
            <Statistic
              title={t('compliance.totalBehind')}
              value={data?.summary.behind ?? 0}
              suffix={data ? `(${percent(data.summary.behind, data.summary.teachers)}%)` : undefined}
              loading={answer.isPending}
              styles={{ content: { color: data?.summary.behind ? '#cf1322' : undefined } }}
              data-testid="compliance-total-behind"
            />
          </Card>
        </Col>
        {rules.map((r) => (
          <Col xs={12} md={6} lg={4} xl={3} key={r.rule}>
            <Card size="small" data-testid={`compliance-total-${r.rule}`}>
              <Typography.Text type="secondary">{officeLabel(t, 'ruleKey', r.rule, r.label)}</Typography.Text>
              <RuleRate count={r} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('compliance.schoolsTitle')}>
        <SchoolsTable
          columns={columns}
          rows={rows}
          loading={answer.isFetching}
          width={first.width + 220 + rules.length * 140}
          testId="compliance-schools"
        />
      </Card>
    </Flex>
  );
}

/** A rule's teachers meeting it, of those it binds, as a bar and figures. */
function RuleRate({ count }: { count: RuleCount | undefined }) {
  const t = useT();
  if (!count) {
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('compliance.notApplicable')}
      </Typography.Text>
    );
  }
  const p = percent(count.met, count.bound);
  return (
    <Flex vertical gap={0}>
      <Progress percent={p} size="small" strokeColor={p >= 80 ? '#52c41a' : p >= 50 ? '#faad14' : '#ff4d4f'} />
      <Typography.Text type="secondary" style={{ fontSize: 11 }}>
        {t('compliance.ruleRate', { met: count.met.toLocaleString(), bound: count.bound.toLocaleString() })}
      </Typography.Text>
    </Flex>
  );
}
