import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Row } from 'antd';
import { BackgroundExportButton } from '../../components/BackgroundExportButton';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/States';
import { useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { ComplianceMatrix } from './ComplianceMatrix';
import { ComplianceSchools } from './ComplianceSchools';
import { complianceOffices, isOffice, offersComplianceMatrix } from './labels';
import { MyComplianceCard } from './MyComplianceCard';
import { exportUrl, useCompliance } from './office.api';
import { ScopeBar, useScope } from './ScopeBar';

/**
 * 达标情况: the school's teacher × rule matrix for leaders; a district's or city's schools side by side for its
 * office (each opens to its matrix); a teacher's own card otherwise.
 */
export function CompliancePage() {
  const t = useT();
  const me = useCurrentUser();
  const state = useScope(complianceOffices);
  const { orgId, termId } = state.scope;
  const matrix = offersComplianceMatrix(me);
  const office = matrix && state.school !== undefined && isOffice(state.school);
  const compliance = useCompliance(state.scope, matrix && !office);
  const abilities = compliance.data?.abilities;

  return (
    <>
      <PageHeader
        title={matrix ? t('compliance.title') : t('compliance.mineTitle')}
        subtitle={office ? t('compliance.officeSubtitle') : t('compliance.subtitle')}
        testId="compliance-title"
        extra={
          <>
            <ScopeBar state={state} hideSchool={!matrix} />
            {matrix && orgId && termId && (
              <>
                <Button
                  icon={<DownloadOutlined />}
                  href={exportUrl('/api/compliance/export.xlsx', state.scope)}
                  data-testid="compliance-export"
                >
                  {t('office.export')}
                </Button>
                {/* a district's or city's sheet takes seconds: it can be made in the background (后台任务) */}
                <BackgroundExportButton
                  target={exportUrl('/api/compliance/export.xlsx', state.scope)}
                  label={t('compliance.title')}
                  testId="compliance-export-background"
                />
              </>
            )}
          </>
        }
      />
      {!orgId || !termId ? (
        <EmptyState text={t('office.noScope')} />
      ) : !matrix ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14} xl={12}>
            <MyComplianceCard personId={me.id} scope={state.scope} />
          </Col>
        </Row>
      ) : office ? (
        <ComplianceSchools scope={{ orgId, termId }} onOpen={state.setOrgId} />
      ) : compliance.isError ? (
        <Alert type="error" showIcon title={compliance.error.message} />
      ) : (
        <ComplianceMatrix
          scope={{ orgId, termId }}
          school={state.school}
          items={compliance.data?.items ?? []}
          loading={compliance.isFetching}
          canRemind={abilities?.remind ?? false}
        />
      )}
    </>
  );
}
