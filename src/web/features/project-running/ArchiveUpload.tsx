import { InboxOutlined } from '@ant-design/icons';
import { App, Flex, Form, Select, Upload, type UploadProps } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useT } from '../../i18n';
import { enumLabel } from './labels';
import { useUploadFile } from './running.api';
import { type ArchiveStage, archiveStages, type FileCategory, fileCategories } from './running.types';

/** Uploads into the archive bag: a category, an optional stage, then files with progress. */
export function ArchiveUpload({ projectId }: { projectId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const upload = useUploadFile(projectId);
  const [category, setCategory] = useState<FileCategory>('activity_record');
  const [stage, setStage] = useState<ArchiveStage | undefined>(undefined);

  const customRequest: UploadProps['customRequest'] = ({ file, onProgress, onSuccess, onError }) => {
    if (!(file instanceof Blob)) return;
    const name = file instanceof File ? file.name : '';
    upload.mutate(
      { file, category, stage, onProgress: (percent) => onProgress?.({ percent }) },
      {
        onSuccess: (answer) => {
          onSuccess?.(answer);
          message.success(t('running.archive.uploaded', { name }));
        },
        onError: (error) => {
          // the server's refusal (wrong type, too large) is the most useful thing to show
          const text = error instanceof ApiError && error.message ? error.message : t('common.networkError');
          message.error(name ? `${name}：${text}` : text);
          onError?.(new Error(text));
        },
      },
    );
  };

  return (
    <Flex vertical gap={8}>
      <Flex gap={12} wrap>
        <Form.Item label={t('running.archive.category')} style={{ marginBottom: 0 }}>
          <Select<FileCategory>
            value={category}
            onChange={setCategory}
            style={{ width: 160 }}
            options={fileCategories.map((c) => ({ value: c, label: enumLabel(t, 'running.fileCategory', c) }))}
            data-testid="archive-category"
          />
        </Form.Item>
        <Form.Item label={t('running.archive.stage')} style={{ marginBottom: 0 }}>
          <Select<ArchiveStage>
            allowClear
            value={stage}
            onChange={setStage}
            placeholder={t('running.archive.stageAuto')}
            style={{ width: 260 }}
            options={archiveStages.map((s) => ({ value: s, label: enumLabel(t, 'running.archiveStage', s) }))}
            data-testid="archive-stage"
          />
        </Form.Item>
      </Flex>
      <Upload.Dragger
        multiple
        customRequest={customRequest}
        showUploadList={{ showRemoveIcon: true }}
        data-testid="archive-upload"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('running.archive.dropHint')}</p>
        <p className="ant-upload-hint">
          {t('running.archive.limitHint')}：{enumLabel(t, 'running.fileCategory', category)}
        </p>
      </Upload.Dragger>
    </Flex>
  );
}
