import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Progress, Select, Space, Steps, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, type RowProblem } from '../../api/client';
import type { OrgNode } from '../../api/types';
import { useShowError } from '../../components/feedback';
import { useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { useImportProjects } from './projects.api';

type Outcome = { kind: 'success'; imported: number } | { kind: 'rows'; message: string; rows: RowProblem[] };

/** 导入历史课题: template download, school choice, .xlsx upload with progress, then the result or row errors. */
export function ProjectImportModal(props: { schools: OrgNode[]; onClose: () => void }) {
  const { schools, onClose } = props;
  const t = useT();
  const me = useCurrentUser();
  const showError = useShowError();
  const importProjects = useImportProjects();
  const [orgId, setOrgId] = useState<string | undefined>(
    schools.find((school) => school.id === me.orgId)?.id ?? (schools.length === 1 ? schools[0].id : undefined),
  );
  const [progress, setProgress] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const send = (file: Blob) => {
    if (!orgId) return;
    setOutcome(null);
    setProgress(0);
    importProjects.mutate(
      { orgId, file, onProgress: setProgress },
      {
        onSuccess: (answer) => {
          setProgress(100);
          setOutcome({ kind: 'success', imported: answer.imported });
        },
        onError: (error) => {
          setProgress(null);
          if (error instanceof ApiError && error.rows.length > 0) {
            setOutcome({ kind: 'rows', message: error.message, rows: error.rows });
          } else {
            showError(error);
          }
        },
      },
    );
  };

  return (
    <Modal
      open
      width={760}
      title={t('projectImport.title')}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
      destroyOnHidden
    >
      <Steps
        orientation="vertical"
        size="small"
        current={outcome?.kind === 'success' ? 3 : orgId ? 2 : 1}
        items={[
          {
            title: t('projectImport.step1'),
            content: (
              <Button
                icon={<DownloadOutlined />}
                href="/api/projects/import/template"
                style={{ marginTop: 8 }}
                data-testid="projects-import-template"
              >
                {t('projectImport.template')}
              </Button>
            ),
          },
          {
            title: t('projectImport.step2'),
            content: (
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('projectImport.orgPlaceholder')}
                value={orgId}
                onChange={setOrgId}
                options={schools.map((school) => ({ value: school.id, label: school.name }))}
                style={{ width: 320, marginTop: 8 }}
                data-testid="projects-import-org"
              />
            ),
          },
          { title: t('projectImport.step3') },
        ]}
      />
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        showUploadList={false}
        disabled={!orgId || importProjects.isPending}
        customRequest={({ file }) => {
          if (file instanceof Blob) send(file);
        }}
        data-testid="projects-import-upload"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{orgId ? t('projectImport.drop') : t('projectImport.chooseOrgFirst')}</p>
        <p className="ant-upload-hint">{t('projectImport.dropHint')}</p>
      </Upload.Dragger>
      {progress !== null && (
        <Progress
          percent={progress}
          status={importProjects.isPending ? 'active' : 'success'}
          style={{ marginTop: 12 }}
          data-testid="projects-import-progress"
        />
      )}
      {outcome?.kind === 'success' && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 16 }}
          title={t('projectImport.success', { n: outcome.imported })}
          data-testid="projects-import-success"
        />
      )}
      {outcome?.kind === 'rows' && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 16 }}>
          <Alert
            type="error"
            showIcon
            title={outcome.message}
            description={t('projectImport.failed', { n: outcome.rows.length })}
          />
          <Table<RowProblem>
            size="small"
            rowKey={(row) => `${row.row}-${row.field}-${row.message}`}
            dataSource={outcome.rows}
            pagination={outcome.rows.length > 10 ? { pageSize: 10 } : false}
            columns={[
              { title: t('projectImport.row'), dataIndex: 'row', width: 80 },
              { title: t('projectImport.field'), dataIndex: 'field', width: 160 },
              {
                title: t('projectImport.message'),
                dataIndex: 'message',
                render: (text: string) => <Typography.Text type="danger">{text}</Typography.Text>,
              },
            ]}
            data-testid="projects-import-errors"
          />
        </Space>
      )}
    </Modal>
  );
}
