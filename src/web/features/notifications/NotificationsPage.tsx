import { App, Button, Card, Col, Flex, List, Row, Segmented, Select, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Loading } from '../../components/States';
import { useT } from '../../i18n';
import { NotificationKindTag } from './NotificationKindTag';
import {
  type AppNotification,
  noticeBody,
  noticeTitle,
  useDigestPreview,
  useMarkAllRead,
  useMarkRead,
  useNotificationSettings,
  useNotifications,
  useSaveNotificationSettings,
} from './notifications.api';

const PAGE_SIZE = 20;
const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** Daily digest (每日摘要) on/off, its hour, and a preview of today's text. */
function DigestSettings() {
  const t = useT();
  const { message } = App.useApp();
  const settings = useNotificationSettings();
  const save = useSaveNotificationSettings();
  const [digest, setDigest] = useState(false);
  const [hour, setHour] = useState(8);
  const [preview, setPreview] = useState(false);
  const text = useDigestPreview(preview);
  useEffect(() => {
    if (settings.data) {
      setDigest(settings.data.digest);
      setHour(settings.data.digestHour);
    }
  }, [settings.data]);
  if (settings.isLoading || !settings.data) return <Loading height={120} />;
  const version = settings.data.version;
  return (
    <Flex vertical gap={12}>
      <Flex align="center" gap={12}>
        <Switch checked={digest} onChange={setDigest} data-testid="digest-switch" />
        <Typography.Text>{t('notifications.digest')}</Typography.Text>
      </Flex>
      <Typography.Text type="secondary">{t('notifications.digestHelp')}</Typography.Text>
      <Flex align="center" gap={12}>
        <Typography.Text>{t('notifications.digestHour')}</Typography.Text>
        <Select
          value={hour}
          onChange={setHour}
          disabled={!digest}
          style={{ width: 100 }}
          options={HOURS.map((h) => ({ value: h, label: t('notifications.hour', { h: String(h).padStart(2, '0') }) }))}
        />
      </Flex>
      <Flex gap={8} wrap>
        <Button
          type="primary"
          loading={save.isPending}
          onClick={() =>
            save.mutate(
              { digest, digestHour: hour, version },
              { onSuccess: () => message.success(t('notifications.saved')) },
            )
          }
        >
          {t('notifications.save')}
        </Button>
        <Button onClick={() => setPreview(true)}>{t('notifications.preview')}</Button>
      </Flex>
      {preview && (
        <Typography.Paragraph
          style={{ whiteSpace: 'pre-wrap', background: '#fafafa', padding: 12, borderRadius: 6, margin: 0 }}
          data-testid="digest-preview"
        >
          {text.isLoading ? '…' : (text.data?.text ?? t('notifications.previewEmpty'))}
        </Typography.Paragraph>
      )}
    </Flex>
  );
}

/** 通知中心: the caller's notifications, newest first, with read state and the digest settings. */
export function NotificationsPage() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const list = useNotifications(unreadOnly, page, PAGE_SIZE);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();

  const open = (n: AppNotification) => {
    if (!n.readAt) markRead.mutate(n.id);
    if (n.link) navigate(n.link);
  };

  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        subtitle={t('notifications.subtitle')}
        testId="notifications-title"
        extra={
          <Button
            disabled={(list.data?.unread ?? 0) === 0}
            onClick={() =>
              markAll.mutate(undefined, { onSuccess: () => message.success(t('notifications.markedAll')) })
            }
            data-testid="notifications-read-all"
          >
            {t('notifications.markAll')}
          </Button>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card>
            <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
              <Segmented
                value={unreadOnly ? 'unread' : 'all'}
                onChange={(v) => {
                  setUnreadOnly(v === 'unread');
                  setPage(1);
                }}
                options={[
                  { value: 'all', label: t('notifications.all') },
                  { value: 'unread', label: t('notifications.unread') },
                ]}
              />
              <Typography.Text type="secondary">
                {t('notifications.unreadCount', { n: list.data?.unread ?? 0 })}
              </Typography.Text>
            </Flex>
            {list.isLoading ? (
              <Loading />
            ) : (
              <List
                dataSource={list.data?.items ?? []}
                locale={{ emptyText: <EmptyState text={t('notifications.empty')} /> }}
                rowKey="id"
                pagination={
                  (list.data?.total ?? 0) > PAGE_SIZE
                    ? { current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage }
                    : false
                }
                renderItem={(n) => (
                  <List.Item
                    data-testid="notification-item"
                    actions={[
                      ...(n.link
                        ? [
                            <Button key="open" type="link" size="small" onClick={() => open(n)}>
                              {t('notifications.open')}
                            </Button>,
                          ]
                        : []),
                      ...(!n.readAt
                        ? [
                            <Button key="read" type="link" size="small" onClick={() => markRead.mutate(n.id)}>
                              {t('notifications.markRead')}
                            </Button>,
                          ]
                        : []),
                    ]}
                  >
                    <Flex vertical gap={4} style={{ opacity: n.readAt ? 0.65 : 1 }}>
                      <Flex gap={8} align="center" wrap>
                        <NotificationKindTag kind={n.kind} />
                        <Typography.Text strong={!n.readAt}>{noticeTitle(t, n)}</Typography.Text>
                      </Flex>
                      {n.body && (
                        <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                          {noticeBody(t, n)}
                        </Typography.Text>
                      )}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {new Date(n.createdAt).toLocaleString()}
                      </Typography.Text>
                    </Flex>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('notifications.settings')}>
            <DigestSettings />
          </Card>
        </Col>
      </Row>
    </>
  );
}
