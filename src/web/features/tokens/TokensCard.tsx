import { KeyOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, Popconfirm, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import type { CreatedToken, Ok, TokenSummary } from '../../api/types';
import { useShowError } from '../../components/feedback';
import { EmptyState } from '../../components/States';
import { useT } from '../../i18n';

const tokensKey = ['tokens'] as const;

function formatTime(value: string | null, fallback: string): string {
  return value ? dayjs(value).format('YYYY-MM-DD HH:mm') : fallback;
}

/** Personal access tokens: list, create (shown once), revoke. */
export function TokensCard() {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const client = useQueryClient();
  const [form] = Form.useForm<{ name: string }>();
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const tokens = useQuery({
    queryKey: tokensKey,
    queryFn: () => api.get<{ items: TokenSummary[] }>('/api/tokens'),
  });
  const create = useMutation({
    mutationFn: (name: string) => api.post<CreatedToken>('/api/tokens', { name }),
    onSuccess: (token) => {
      setCreated(token);
      form.resetFields();
      client.invalidateQueries({ queryKey: tokensKey });
    },
    onError: (error) => showError(error, { form }),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete<Ok>(`/api/tokens/${id}`),
    onSuccess: () => {
      message.success(t('tokens.revoked'));
      client.invalidateQueries({ queryKey: tokensKey });
    },
    onError: (error) => showError(error),
  });

  return (
    <Card title={t('tokens.title')}>
      <Typography.Paragraph type="secondary">{t('tokens.text')}</Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        onFinish={(values) => create.mutate(values.name.trim())}
        style={{ marginBottom: 16 }}
      >
        <Form.Item
          name="name"
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('tokens.name') }) }]}
        >
          <Input
            placeholder={t('tokens.namePlaceholder')}
            maxLength={60}
            style={{ width: 260 }}
            data-testid="token-name"
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          icon={<KeyOutlined />}
          loading={create.isPending}
          data-testid="token-create"
        >
          {t('tokens.create')}
        </Button>
      </Form>
      {created && (
        <Alert
          type="warning"
          showIcon
          closable={{ onClose: () => setCreated(null) }}
          style={{ marginBottom: 16 }}
          title={t('tokens.createdTitle', { name: created.name })}
          description={
            <Flex vertical gap={8}>
              <Typography.Text>{t('tokens.createdWarning')}</Typography.Text>
              <Typography.Paragraph
                code
                copyable={{ text: created.token, tooltips: [t('common.copy'), t('common.copied')] }}
                style={{ marginBottom: 0, wordBreak: 'break-all' }}
                data-testid="token-value"
              >
                {created.token}
              </Typography.Paragraph>
            </Flex>
          }
        />
      )}
      <Table<TokenSummary>
        rowKey="id"
        size="small"
        loading={tokens.isPending}
        dataSource={tokens.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <EmptyState text={t('tokens.empty')} /> }}
        columns={[
          { title: t('tokens.name'), dataIndex: 'name' },
          { title: t('tokens.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v, '') },
          {
            title: t('tokens.lastUsedAt'),
            dataIndex: 'lastUsedAt',
            render: (v: string | null) => formatTime(v, t('tokens.neverUsed')),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_: unknown, token) => (
              <Popconfirm
                title={t('tokens.revokeConfirm')}
                okButtonProps={{ danger: true }}
                onConfirm={() => revoke.mutateAsync(token.id).catch(() => undefined)}
              >
                <Button type="link" danger size="small">
                  {t('tokens.revoke')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
        data-testid="tokens-table"
      />
    </Card>
  );
}
