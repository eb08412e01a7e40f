import { Alert, Card, Flex, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { LangSwitch } from '../../components/LangSwitch';
import { useT } from '../../i18n';
import { PasswordForm } from '../profile/PasswordForm';

/** The page a user with `mustChangePassword` lands on after login. */
export function ChangePasswordPage() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 24, background: '#f3f5f9' }}>
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LangSwitch />
      </div>
      <Typography.Title level={3}>{t('app.fullName')}</Typography.Title>
      <Card style={{ width: 480, maxWidth: '100%' }} title={t('settings.mustChangeTitle')}>
        <Alert type="warning" showIcon title={t('settings.mustChangeText')} style={{ marginBottom: 24 }} />
        <PasswordForm onDone={() => navigate('/', { replace: true })} />
      </Card>
    </Flex>
  );
}
