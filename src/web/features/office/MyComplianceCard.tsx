import { CheckCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Alert, Card, Flex, List, Progress, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { Loading } from '../../components/States';
import { useT } from '../../i18n';
import { officeLabel } from './labels';
import { type ComplianceItem, type Scope, useCompliance } from './office.api';
import { RecordsDrawer } from './RecordsDrawer';

/** A teacher's own compliance for a term: each rule with progress, opening to the records counted. */
export function MyComplianceCard(props: { personId: string; scope: Partial<Scope>; title?: ReactNode }) {
  const t = useT();
  const compliance = useCompliance(props.scope, true, props.personId);
  const [open, setOpen] = useState<ComplianceItem | null>(null);
  const items = (compliance.data?.items ?? []).filter((item) => item.personId === props.personId);
  const met = items.filter((item) => item.met).length;

  return (
    <Card title={props.title ?? t('compliance.mineTitle')} data-testid="my-compliance">
      {compliance.isPending ? (
        <Loading height={120} />
      ) : compliance.isError ? (
        <Alert type="error" showIcon title={compliance.error.message} />
      ) : items.length === 0 ? (
        <Typography.Text type="secondary">{t('compliance.myEmpty')}</Typography.Text>
      ) : (
        <>
          <Typography.Text strong data-testid="my-compliance-summary">
            {t('compliance.mySummary', { met, total: items.length })}
          </Typography.Text>
          <List
            dataSource={items}
            renderItem={(item) => (
              <List.Item
                key={item.rule}
                onClick={() => setOpen(item)}
                style={{ cursor: 'pointer' }}
                data-testid={`my-compliance-${item.rule}`}
                data-met={item.met}
              >
                <Flex vertical gap={4} style={{ width: '100%' }}>
                  <Flex justify="space-between" align="center">
                    <Flex gap={8} align="center">
                      {item.met ? (
                        <CheckCircleFilled style={{ color: '#52c41a' }} />
                      ) : (
                        <ExclamationCircleFilled style={{ color: item.behindToDate > 0 ? '#ff4d4f' : '#faad14' }} />
                      )}
                      <Typography.Text>{officeLabel(t, 'ruleKey', item.rule)}</Typography.Text>
                    </Flex>
                    <Typography.Text type={item.met ? 'success' : item.behindToDate > 0 ? 'danger' : 'warning'}>
                      {item.met
                        ? t('compliance.metCell', { actual: item.actual, required: item.required })
                        : t('compliance.behindCell', { n: item.behind })}
                    </Typography.Text>
                  </Flex>
                  <Progress
                    percent={item.required ? Math.min(100, Math.round((item.actual / item.required) * 100)) : 100}
                    size="small"
                    status={item.met ? 'success' : 'active'}
                    format={() => t('compliance.metCell', { actual: item.actual, required: item.required })}
                  />
                  {!item.met && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {item.behindToDate > 0
                        ? t('compliance.behindToDate', { n: item.behindToDate, due: item.dueToDate })
                        : t('compliance.onTrack', { due: item.dueToDate })}
                    </Typography.Text>
                  )}
                </Flex>
              </List.Item>
            )}
          />
        </>
      )}
      <RecordsDrawer item={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
