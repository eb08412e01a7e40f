import { App, Button, Form, Input } from 'antd';
import { useShowError } from '../../components/feedback';
import { useT } from '../../i18n';
import { useChangePassword } from '../auth/session';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Current, new and confirmed password; maps the server's field errors onto the form. */
export function PasswordForm(props: { onDone?: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const change = useChangePassword();
  const [form] = Form.useForm<PasswordValues>();

  const submit = (values: PasswordValues) =>
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          message.success(t('settings.passwordChanged'));
          form.resetFields();
          props.onDone?.();
        },
        onError: (error) => showError(error, { form }),
      },
    );

  return (
    <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 420 }} data-testid="password-form">
      <Form.Item
        name="currentPassword"
        label={t('settings.currentPassword')}
        rules={[{ required: true, message: t('common.required', { field: t('settings.currentPassword') }) }]}
      >
        <Input.Password autoComplete="current-password" data-testid="password-current" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('settings.newPassword')}
        extra={t('settings.passwordHint')}
        rules={[{ required: true, message: t('common.required', { field: t('settings.newPassword') }) }]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-new" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('settings.confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('common.required', { field: t('settings.confirmPassword') }) },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || getFieldValue('newPassword') === value
                ? Promise.resolve()
                : Promise.reject(new Error(t('settings.passwordMismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-confirm" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">
        {t('settings.password')}
      </Button>
    </Form>
  );
}
