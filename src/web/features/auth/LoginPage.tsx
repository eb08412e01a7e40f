import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { LangSwitch } from '../../components/LangSwitch';
import { useT } from '../../i18n';
import { useLogin, useMe } from './session';

interface LoginValues {
  username: string;
  password: string;
}

/** Only same-site paths are followed after login. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** The login page: username and password; shows the server's message on failure. */
export function LoginPage() {
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const me = useMe();
  const login = useLogin();
  const [error, setError] = useState<string | null>(null);

  if (me.data && !login.isPending) return <Navigate to={safeNext(params.get('next'))} replace />;

  const submit = (values: LoginValues) => {
    setError(null);
    login.mutate(values, {
      onSuccess: (answer) => {
        navigate(answer.user.mustChangePassword ? '/change-password' : safeNext(params.get('next')), {
          replace: true,
        });
      },
      onError: (failure) => {
        if (failure instanceof ApiError && failure.status !== 0) setError(failure.message || t('login.failed'));
        else setError(t('common.networkError'));
      },
    });
  };

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{
        minHeight: '100vh',
        padding: 24,
        background: 'linear-gradient(135deg, #0f2a4f 0%, #1f5fbf 60%, #4f8fe6 100%)',
      }}
    >
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LangSwitch ghost />
      </div>
      <Typography.Title level={2} style={{ color: '#fff', marginBottom: 4 }}>
        {t('app.fullName')}
      </Typography.Title>
      <Typography.Text style={{ color: 'rgba(255,255,255,0.8)', marginBottom: 24 }}>{t('app.tagline')}</Typography.Text>
      <Card style={{ width: 380, maxWidth: '100%' }} styles={{ body: { padding: 32 } }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('login.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form<LoginValues> layout="vertical" onFinish={submit} requiredMark={false} size="large">
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, message: t('login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          {t('login.footer')}
        </Typography.Paragraph>
      </Card>
    </Flex>
  );
}
