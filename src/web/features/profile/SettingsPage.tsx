import { LogoutOutlined } from '@ant-design/icons';
import { Button, Card, Col, Popconfirm, Row, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useShowError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { useLogout } from '../auth/session';
import { TokensCard } from '../tokens/TokensCard';
import { PasswordForm } from './PasswordForm';

/** 个人设置: change password, personal access tokens, log out everywhere. */
export function SettingsPage() {
  const t = useT();
  const navigate = useNavigate();
  const showError = useShowError();
  const logoutAll = useLogout(true);

  return (
    <>
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title={t('settings.password')} style={{ marginBottom: 16 }}>
            <PasswordForm />
          </Card>
          <Card title={t('settings.sessions')}>
            <Typography.Paragraph type="secondary">{t('settings.sessionsText')}</Typography.Paragraph>
            <Popconfirm
              title={t('settings.logoutAllConfirm')}
              okButtonProps={{ danger: true }}
              onConfirm={() =>
                logoutAll.mutateAsync().then(
                  () => navigate('/login', { replace: true }),
                  (error: unknown) => showError(error),
                )
              }
            >
              <Button danger icon={<LogoutOutlined />} loading={logoutAll.isPending} data-testid="logout-all">
                {t('settings.logoutAll')}
              </Button>
            </Popconfirm>
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <TokensCard />
        </Col>
      </Row>
    </>
  );
}
