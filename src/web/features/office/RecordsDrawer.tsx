import { Descriptions, Drawer, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { EmptyState } from '../../components/States';
import { useT } from '../../i18n';
import { officeLabel, recordKindLabel } from './labels';
import type { ComplianceItem } from './office.api';
import { recordLink } from './records';

/** The records counted for one teacher and one rule. */
export function RecordsDrawer({ item, onClose }: { item: ComplianceItem | null; onClose: () => void }) {
  const t = useT();
  return (
    <Drawer
      open={item !== null}
      onClose={onClose}
      size={520}
      title={item ? t('compliance.records', { name: item.personName, rule: officeLabel(t, 'ruleKey', item.rule) }) : ''}
      data-testid="compliance-records"
    >
      {item && (
        <>
          <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('compliance.recordsCount', { required: item.required, actual: item.actual })}>
              {item.met ? (
                <Tag color="success">{t('compliance.metTag')}</Tag>
              ) : (
                <Tag color="error">{t('compliance.behindCell', { n: item.behind })}</Tag>
              )}
            </Descriptions.Item>
          </Descriptions>
          {item.records.length === 0 ? (
            <EmptyState text={t('compliance.noRecords')} />
          ) : (
            <List
              size="small"
              dataSource={item.records}
              renderItem={(record) => {
                const to = recordLink(record.kind, record.id);
                return (
                  <List.Item
                    key={`${record.kind}-${record.id}`}
                    extra={<Typography.Text type="secondary">{record.date ?? ''}</Typography.Text>}
                    data-testid="compliance-record"
                  >
                    <span>
                      <Tag>{recordKindLabel(t, record.kind)}</Tag>
                      {to ? <Link to={to}>{record.title}</Link> : record.title}
                    </span>
                  </List.Item>
                );
              }}
            />
          )}
        </>
      )}
    </Drawer>
  );
}
