import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, List, Popconfirm, Typography, Upload, type UploadProps } from 'antd';
import dayjs from 'dayjs';
import { ApiError, api } from '../api/client';
import type { Ok } from '../api/types';
import { useT } from '../i18n';
import { useShowError } from './feedback';
import { Loading } from './States';

/** One attachment as `GET …/files` lists it. */
interface Attachment {
  id: string;
  name: string;
  size: number;
  mime: string;
  uploadedByName: string | null;
  createdAt: string;
  abilities: { delete: boolean };
}

interface AttachmentPage {
  items: Attachment[];
  abilities: { upload: boolean };
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Photos and files of an activity or a growth record: the list with download links, an upload
 * button and delete for whoever may edit the record. `base` is the record's API path, e.g.
 * `/api/activities/<id>`.
 */
export function AttachmentList({ base }: { base: string }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const client = useQueryClient();
  const key = ['attachments', base];
  const query = useQuery({ queryKey: key, queryFn: () => api.get<AttachmentPage>(`${base}/files`) });
  const invalidate = () => client.invalidateQueries({ queryKey: key });
  const upload = useMutation({
    mutationFn: (input: { file: Blob; onProgress: (percent: number) => void }) =>
      api.upload<Attachment>(`${base}/files`, input.file, input.onProgress),
    onSuccess: invalidate,
  });
  const remove = useMutation({
    mutationFn: (fileId: string) => api.delete<Ok>(`${base}/files/${encodeURIComponent(fileId)}`),
    onSuccess: invalidate,
  });

  const customRequest: UploadProps['customRequest'] = ({ file, onProgress, onSuccess, onError }) => {
    if (!(file instanceof Blob)) return;
    const name = file instanceof File ? file.name : '';
    upload.mutate(
      { file, onProgress: (percent) => onProgress?.({ percent }) },
      {
        onSuccess: (answer) => {
          onSuccess?.(answer);
          message.success(t('attachments.uploaded', { name }));
        },
        onError: (error) => {
          // The server's refusal (wrong type, too large) is the most useful thing to show.
          const text = error instanceof ApiError && error.message ? error.message : t('common.networkError');
          message.error(name ? `${name}：${text}` : text);
          onError?.(new Error(text));
        },
      },
    );
  };

  const data = query.data;
  return (
    <Card
      title={t('attachments.title')}
      data-testid="attachments"
      extra={
        data?.abilities.upload && (
          <Upload multiple showUploadList={false} customRequest={customRequest}>
            <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="attachments-upload">
              {t('attachments.upload')}
            </Button>
          </Upload>
        )
      }
    >
      {query.isPending ? (
        <Loading height={80} />
      ) : (
        <List<Attachment>
          size="small"
          dataSource={data?.items ?? []}
          locale={{ emptyText: t('attachments.empty') }}
          footer={
            data?.abilities.upload ? <Typography.Text type="secondary">{t('attachments.hint')}</Typography.Text> : null
          }
          renderItem={(file) => (
            <List.Item
              actions={
                file.abilities.delete
                  ? [
                      <Popconfirm
                        key="delete"
                        title={t('attachments.confirmDelete', { name: file.name })}
                        onConfirm={() =>
                          remove.mutate(file.id, {
                            onSuccess: () => message.success(t('attachments.deleted')),
                            onError: (error) => showError(error),
                          })
                        }
                      >
                        <Button
                          type="text"
                          danger
                          size="small"
                          icon={<DeleteOutlined />}
                          aria-label={t('common.delete')}
                        />
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <a href={`${base}/files/${encodeURIComponent(file.id)}`} data-testid="attachment-link">
                    <PaperClipOutlined /> {file.name}
                  </a>
                }
                description={[
                  formatSize(file.size),
                  file.uploadedByName,
                  dayjs(file.createdAt).format('YYYY-MM-DD HH:mm'),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
