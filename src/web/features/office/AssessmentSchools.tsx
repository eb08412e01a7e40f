import { Alert, Card, Col, Flex, Row, Statistic, type TableColumnsType, Typography } from 'antd';
import { useT } from '../../i18n';
import { type AssessmentSchools as Answer, type AssessmentScope, useAssessmentSchools } from './office.api';
import { SchoolsTable, schoolColumns } from './schoolColumns';

type SchoolRow = Answer['items'][number];

/**
 * 各校考核情况: a district's or city's research assessment school by school (its office compares schools before
 * opening one's ranking), with the whole scope's figures on top. The highest average first.
 */
export function AssessmentSchools({ scope, onOpen }: { scope: AssessmentScope; onOpen: (orgId: string) => void }) {
  const t = useT();
  const answer = useAssessmentSchools(scope);
  if (answer.isError) return <Alert type="error" showIcon title={answer.error.message} />;
  const data = answer.data;
  const rows = [...(data?.items ?? [])].sort(
    (a, b) => b.average - a.average || a.orgName.localeCompare(b.orgName, 'zh-CN', { numeric: true }),
  );
  const number = (key: 'teachers' | 'scored' | 'average' | 'top' | 'advanced', title: string) => ({
    title,
    dataIndex: key,
    width: 110,
    align: 'right' as const,
    sorter: (a: SchoolRow, b: SchoolRow) => a[key] - b[key],
    render: (value: number) => value.toLocaleString(),
  });

  const first = schoolColumns(t, rows, onOpen, 'assessment-school');
  const columns: TableColumnsType<SchoolRow> = [
    ...first.columns,
    number('teachers', t('compliance.teachers')),
    number('scored', t('assessment.scoredTeachers')),
    { ...number('average', t('assessment.average')), defaultSortOrder: 'descend' },
    number('top', t('assessment.top')),
    number('advanced', t('assessment.advancedCount')),
  ];

  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        {(
          [
            ['teachers', t('compliance.totalTeachers')],
            ['scored', t('assessment.scoredTeachers')],
            ['average', t('assessment.average')],
            ['advanced', t('assessment.advancedCount')],
          ] as const
        ).map(([key, title]) => (
          <Col xs={12} md={6} key={key}>
            <Card size="small">
              <Statistic
                title={title}
                value={data?.summary[key] ?? 0}
                loading={answer.isPending}
                data-testid={`assessment-total-${key}`}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('assessment.schoolsTitle')}>
        {data && data.terms.length > 1 && (
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
            {t('assessment.yearTerms', { terms: data.terms.map((term) => term.name).join('、') })}
          </Typography.Text>
        )}
        <SchoolsTable
          columns={columns}
          rows={rows}
          loading={answer.isFetching}
          width={first.width + 550}
          testId="assessment-schools"
        />
      </Card>
    </Flex>
  );
}
