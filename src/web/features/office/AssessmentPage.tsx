import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Row, Segmented, Statistic, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { withQuery } from '../../api/client';
import { BackgroundExportButton } from '../../components/BackgroundExportButton';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Loading } from '../../components/States';
import { useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { AssessmentSchools } from './AssessmentSchools';
import { AssessmentTable, SourceItems } from './AssessmentTable';
import { assessmentOffices, isOffice, offersAssessmentRanking } from './labels';
import { type AssessmentRow, type AssessmentScope, assessmentExportUrl, useAssessment } from './office.api';
import { RewardsTab } from './RewardsTab';
import { useRules } from './rules.api';
import { ScopeBar, useScope } from './ScopeBar';

/**
 * 教科研考核: the school's ranking with traced items and the reward list; a district's or city's schools side by side
 * for its office (each opens to its ranking); a teacher sees their own score.
 */
export function AssessmentPage() {
  const t = useT();
  const me = useCurrentUser();
  const state = useScope(assessmentOffices);
  const [params, setParams] = useSearchParams();
  const ranking = offersAssessmentRanking(me);
  const year = params.get('period') === 'year';
  const scope: AssessmentScope = year
    ? { orgId: state.scope.orgId, schoolYear: state.term?.schoolYear }
    : { orgId: state.scope.orgId, termId: state.scope.termId };
  const office = ranking && state.school !== undefined && isOffice(state.school);
  const assessment = useAssessment(scope, !office);
  // Rules are a school's: an office's view (各校考核情况) has none to ask for.
  const rules = useRules(state.scope, state.school !== undefined && !isOffice(state.school));
  const tab = params.get('tab') === 'rewards' && ranking ? 'rewards' : 'ranking';
  const rows = assessment.data?.items ?? [];
  const quotaQuery = withQuery('', { orgId: state.scope.orgId, termId: state.scope.termId }).slice(1);
  const setParam = (key: string, value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set(key, value);
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeader
        title={ranking ? t('assessment.title') : t('assessment.mine')}
        subtitle={office ? t('assessment.officeSubtitle') : t('assessment.subtitle')}
        testId="assessment-title"
        extra={
          <>
            <ScopeBar state={state} hideSchool={!ranking} />
            <Segmented
              value={year ? 'year' : 'term'}
              onChange={(value) => setParam('period', String(value))}
              options={[
                { value: 'term', label: t('assessment.periodTerm') },
                { value: 'year', label: t('assessment.periodYear') },
              ]}
              data-testid="assessment-period"
            />
            {ranking && scope.orgId && (
              <>
                <Button icon={<DownloadOutlined />} href={assessmentExportUrl(scope)} data-testid="assessment-export">
                  {t('office.export')}
                </Button>
                <BackgroundExportButton
                  target={assessmentExportUrl(scope)}
                  label={t('assessment.title')}
                  testId="assessment-export-background"
                />
              </>
            )}
          </>
        }
      />
      {!scope.orgId || !(scope.termId || scope.schoolYear) ? (
        <EmptyState text={t('office.noScope')} />
      ) : office ? (
        <AssessmentSchools scope={scope} onOpen={state.setOrgId} />
      ) : assessment.isError ? (
        <Alert type="error" showIcon title={assessment.error.message} />
      ) : !ranking ? (
        <MyScore
          row={rows.find((row) => row.personId === me.id)}
          loading={assessment.isPending}
          quotaQuery={quotaQuery}
        />
      ) : (
        <Card styles={{ body: { paddingTop: 4 } }}>
          {year && assessment.data && (
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12 }}>
              {t('assessment.yearTerms', { terms: assessment.data.terms.map((term) => term.name).join('、') })}
            </Typography.Text>
          )}
          <Tabs
            activeKey={tab}
            onChange={(key) => setParam('tab', key)}
            items={[
              {
                key: 'ranking',
                label: t('assessment.tabRanking'),
                children: (
                  <AssessmentTable
                    rows={rows}
                    loading={assessment.isFetching}
                    weightPercent={rules.data?.points.weightPercent}
                    scopeQuery={quotaQuery}
                  />
                ),
              },
              { key: 'rewards', label: t('assessment.tabRewards'), children: <RewardsTab scope={scope} /> },
            ]}
          />
        </Card>
      )}
    </>
  );
}

/** A teacher's own score: total, weighted and every item behind it. */
function MyScore(props: { row: AssessmentRow | undefined; loading: boolean; quotaQuery: string }) {
  const t = useT();
  const { row } = props;
  if (props.loading) return <Loading />;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={8}>
        <Card data-testid={row ? `assessment-row-${row.personId}` : 'assessment-mine'}>
          <Flex vertical gap={16}>
            <Statistic title={t('assessment.total')} value={row?.total ?? 0} data-testid="assessment-total" />
            <Statistic title={t('assessment.weighted')} value={row?.weighted ?? 0} />
            {row && <Typography.Text type="secondary">{t('assessment.mineRank', { rank: row.rank })}</Typography.Text>}
          </Flex>
        </Card>
      </Col>
      <Col xs={24} lg={16}>
        <Card title={t('assessment.item')}>
          <SourceItems items={row?.items ?? []} scopeQuery={props.quotaQuery} />
        </Card>
      </Col>
    </Row>
  );
}
