import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Row, Statistic, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { SystemStatus } from '../../../server/modules/system/system.schema';
import { api } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { Loading, NotFound } from '../../components/States';
import { useT } from '../../i18n';

const CHECK_COLOR = { ok: 'success', failed: 'error', off: 'default' } as const;
const STALE_DAYS = 7;
const when = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

/** 系统状态: the system admin's one look at the deployment (database, virus scanner checked live, backups). */
export function SystemPage() {
  const t = useT();
  const status = useQuery({
    queryKey: ['system', 'status'],
    queryFn: () => api.get<SystemStatus>('/api/system/status'),
    retry: false,
  });
  const s = status.data;
  const stale = s?.lastBackup ? dayjs().diff(dayjs(s.lastBackup.at), 'day') > STALE_DAYS : false;
  return (
    <>
      <PageHeader
        title={t('system.title')}
        subtitle={t('system.subtitle')}
        testId="system-page"
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => status.refetch()} loading={status.isFetching}>
            {t('system.recheck')}
          </Button>
        }
      />
      {status.isLoading ? (
        <Loading />
      ) : !s ? (
        <NotFound />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Card title={t('system.scanner')} data-testid="system-scanner">
              <Alert
                type={s.scanner.check === 'ok' ? 'success' : s.scanner.check === 'failed' ? 'error' : 'warning'}
                showIcon
                message={<Tag color={CHECK_COLOR[s.scanner.check]}>{t(`system.scanner.${s.scanner.check}`)}</Tag>}
                description={t(`system.scanner.outcome.${s.scanner.outcome}`, {
                  threat: s.scanner.threat ?? '',
                  detail: s.scanner.detail ?? '',
                })}
                style={{ marginBottom: 12 }}
              />
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('system.scanner.setting')}>
                  <Typography.Text code>{s.scanner.describe}</Typography.Text>
                  {s.scanner.ms !== null && (
                    <Typography.Text type="secondary">
                      {' '}
                      · {t('system.scanner.ms', { ms: s.scanner.ms })}
                    </Typography.Text>
                  )}
                </Descriptions.Item>
              </Descriptions>
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                {t('system.scanner.hint')}
              </Typography.Paragraph>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('system.backup')} data-testid="system-backup">
              {(stale || !s.lastBackup) && (
                <Alert
                  type="warning"
                  showIcon
                  message={t(s.lastBackup ? 'system.backup.stale' : 'system.backup.never')}
                  style={{ marginBottom: 12 }}
                />
              )}
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('system.lastBackup')}>
                  {s.lastBackup ? (
                    <>
                      {when(s.lastBackup.at)}（
                      {t(s.lastBackup.files ? 'system.backup.withFiles' : 'system.backup.noFiles')}）
                    </>
                  ) : (
                    t('system.backup.none')
                  )}
                </Descriptions.Item>
                <Descriptions.Item label={t('system.lastRestore')}>
                  {s.lastRestore
                    ? `${when(s.lastRestore.at)}，${t('system.backup.restoredFrom', { at: when(s.lastRestore.backupAt) })}`
                    : t('system.backup.none')}
                </Descriptions.Item>
              </Descriptions>
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                {t('system.backup.hint')}
              </Typography.Paragraph>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('system.runtime')}>
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('system.database')}>{t(`system.database.${s.database}`)}</Descriptions.Item>
                <Descriptions.Item label={t('system.node')}>{s.node}</Descriptions.Item>
                <Descriptions.Item label={t('system.startedAt')}>{when(s.startedAt)}</Descriptions.Item>
              </Descriptions>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('system.counts')} data-testid="system-counts">
              <Row gutter={16}>
                {(['schools', 'people', 'projects', 'files'] as const).map((k) => (
                  <Col span={6} key={k}>
                    <Statistic title={t(`system.counts.${k}`)} value={s.counts[k]} />
                  </Col>
                ))}
              </Row>
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
