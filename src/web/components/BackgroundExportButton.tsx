import { CloudDownloadOutlined } from '@ant-design/icons';
import { App, Button, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useStartExport } from '../features/jobs/jobs.api';
import { useT } from '../i18n';
import { useShowError } from './feedback';

/** Queues an export as a background job (for large rosters and tables) and points to 后台任务. */
export function BackgroundExportButton({ target, label, testId }: { target: string; label: string; testId?: string }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const start = useStartExport();
  // The message renders outside the router, so it gets a plain link that navigates from here.
  const navigate = useNavigate();
  return (
    <Button
      icon={<CloudDownloadOutlined />}
      loading={start.isPending}
      data-testid={testId}
      onClick={() =>
        start.mutate(
          { target, label },
          {
            onSuccess: () =>
              message.success(
                <span>
                  {t('jobs.started')}{' '}
                  <Typography.Link onClick={() => navigate('/jobs')}>{t('jobs.open')}</Typography.Link>
                </span>,
              ),
            onError: (e) => showError(e),
          },
        )
      }
    >
      {t('jobs.start')}
    </Button>
  );
}
