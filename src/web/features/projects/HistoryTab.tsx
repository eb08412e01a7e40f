import { Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { EmptyState, Loading } from '../../components/States';
import { useT } from '../../i18n';
import type { HistoryItem } from './projects.api';

const negative = new Set(['return', 'reject', 'terminate', 'fail']);

/** 流转记录: who did what, when, from which stage to which, and why. */
export function HistoryTab({ items, loading, error }: { items: HistoryItem[]; loading: boolean; error?: string }) {
  const t = useT();
  if (loading) return <Loading height={120} />;
  if (error) return <EmptyState text={error} />;
  if (items.length === 0) return <EmptyState text={t('project.historyEmpty')} />;
  return (
    <Timeline
      data-testid="project-history"
      items={items.map((item) => ({
        key: item.id,
        color: negative.has(item.action) ? 'red' : 'blue',
        content: (
          <div>
            <Typography.Text strong>
              {t('project.historyLine', {
                actor: item.actorName ?? t('project.systemActor'),
                action: t(`action.${item.action}`),
              })}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
              {dayjs(item.at).format('YYYY-MM-DD HH:mm')}
            </Typography.Text>
            <div>
              <Typography.Text type="secondary">
                {t('project.historyStages', { from: t(`stage.${item.fromStage}`), to: t(`stage.${item.toStage}`) })}
              </Typography.Text>
            </div>
            {item.reason && (
              <div>
                {t('project.reason')}：{item.reason}
              </div>
            )}
          </div>
        ),
      }))}
    />
  );
}
