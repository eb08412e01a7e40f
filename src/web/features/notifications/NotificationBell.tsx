import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Divider, Empty, Flex, Popover, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n';
import { NotificationKindTag } from './NotificationKindTag';
import {
  type AppNotification,
  noticeBody,
  noticeTitle,
  useBell,
  useMarkAllRead,
  useMarkRead,
} from './notifications.api';

/** The header bell: unread count, the latest notifications, and a way to the notification centre. */
export function NotificationBell() {
  const t = useT();
  const navigate = useNavigate();
  const bell = useBell();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const [open, setOpen] = useState(false);
  const unread = bell.data?.unread ?? 0;

  const openOne = (n: AppNotification) => {
    if (!n.readAt) markRead.mutate(n.id);
    setOpen(false);
    navigate(n.link ?? '/notifications');
  };

  const content = (
    <Flex vertical style={{ width: 340 }} data-testid="bell-panel">
      <Flex justify="space-between" align="center">
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button size="small" type="link" disabled={unread === 0} onClick={() => markAll.mutate()}>
          {t('notifications.markAll')}
        </Button>
      </Flex>
      <Divider style={{ margin: '8px 0' }} />
      {(bell.data?.items ?? []).length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        (bell.data?.items ?? []).map((n) => (
          <Flex
            key={n.id}
            vertical
            gap={2}
            onClick={() => openOne(n)}
            style={{ padding: '6px 4px', cursor: 'pointer', borderRadius: 4, opacity: n.readAt ? 0.6 : 1 }}
            data-testid="bell-item"
          >
            <Flex gap={6} align="center">
              <NotificationKindTag kind={n.kind} />
              <Typography.Text strong={!n.readAt} ellipsis style={{ flex: 1 }}>
                {noticeTitle(t, n)}
              </Typography.Text>
            </Flex>
            {n.body && (
              <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
                {noticeBody(t, n)}
              </Typography.Text>
            )}
          </Flex>
        ))
      )}
      <Divider style={{ margin: '8px 0' }} />
      <Button
        type="link"
        onClick={() => {
          setOpen(false);
          navigate('/notifications');
        }}
        data-testid="bell-view-all"
      >
        {t('notifications.viewAll')}
      </Button>
    </Flex>
  );

  return (
    <Popover content={content} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight">
      <Badge count={unread} size="small" overflowCount={99} data-testid="bell-count">
        <Button
          type="text"
          shape="circle"
          icon={<BellOutlined style={{ fontSize: 18 }} />}
          aria-label={t('notifications.bell')}
          data-testid="bell"
        />
      </Badge>
    </Popover>
  );
}
