import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Progress, Select, Space, Steps, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, type RowProblem } from '../api/client';
import type { OrgNode } from '../api/types';
import { useCurrentUser } from '../features/auth/session';
import { useT } from '../i18n';
import { useShowError } from './feedback';

/** Roles that may import a school's sheets (roster, past projects, past awards); the server decides the scope. */
const IMPORT_ROLES = new Set<string>(['school_director', 'research_admin', 'sysadmin']);

/** Whether to offer an import to someone holding these grants. */
export function mayImport(roles: readonly { role: string }[]): boolean {
  return roles.some((grant) => IMPORT_ROLES.has(grant.role));
}

/** What an import answers: how many rows it recorded, and whatever else it counts. */
export type ImportAnswer = { imported: number } & Record<string, unknown>;

type Outcome = { kind: 'success'; answer: ImportAnswer } | { kind: 'rows'; message: string; rows: RowProblem[] };

/** What differs between the imports: the texts, the template, the test ids and the upload. */
export interface XlsxImportProps {
  schools: OrgNode[];
  onClose: () => void;
  templateHref: string;
  /** Prefix of the data-testid attributes (e.g. 'import', 'projects-import'). */
  testId: string;
  text: {
    title: string;
    step1: string;
    template: string;
    step2: string;
    orgPlaceholder: string;
    step3: string;
    drop: string;
    chooseOrgFirst: string;
    dropHint: string;
    success: (n: number, answer: ImportAnswer) => string;
    failed: (n: number) => string;
  };
  upload: {
    isPending: boolean;
    mutate: (
      input: { orgId: string; file: Blob; onProgress: (percent: number) => void },
      callbacks: { onSuccess: (answer: ImportAnswer) => void; onError: (error: Error) => void },
    ) => void;
  };
}

/** An all-or-nothing .xlsx import: template download, school choice, upload with progress, then the result or row errors. */
export function XlsxImportModal(props: XlsxImportProps) {
  const { schools, onClose, text, testId } = props;
  const t = useT();
  const me = useCurrentUser();
  const showError = useShowError();
  const importRoster = props.upload;
  const [orgId, setOrgId] = useState<string | undefined>(
    schools.find((school) => school.id === me.orgId)?.id ?? (schools.length === 1 ? schools[0].id : undefined),
  );
  const [progress, setProgress] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const send = (file: Blob) => {
    if (!orgId) return;
    setOutcome(null);
    setProgress(0);
    importRoster.mutate(
      { orgId, file, onProgress: setProgress },
      {
        onSuccess: (answer) => {
          setProgress(100);
          setOutcome({ kind: 'success', answer });
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
      title={text.title}
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
            title: text.step1,
            content: (
              <Button
                icon={<DownloadOutlined />}
                href={props.templateHref}
                style={{ marginTop: 8 }}
                data-testid={`${testId}-template`}
              >
                {text.template}
              </Button>
            ),
          },
          {
            title: text.step2,
            content: (
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={text.orgPlaceholder}
                value={orgId}
                onChange={setOrgId}
                options={schools.map((school) => ({ value: school.id, label: school.name }))}
                style={{ width: 320, marginTop: 8 }}
                data-testid={`${testId}-org`}
              />
            ),
          },
          { title: text.step3 },
        ]}
      />
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        showUploadList={false}
        disabled={!orgId || importRoster.isPending}
        customRequest={({ file }) => {
          if (file instanceof Blob) send(file);
        }}
        data-testid={`${testId}-upload`}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{orgId ? text.drop : text.chooseOrgFirst}</p>
        <p className="ant-upload-hint">{text.dropHint}</p>
      </Upload.Dragger>
      {progress !== null && (
        <Progress
          percent={progress}
          status={importRoster.isPending ? 'active' : 'success'}
          style={{ marginTop: 12 }}
          data-testid={`${testId}-progress`}
        />
      )}
      {outcome?.kind === 'success' && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 16 }}
          title={text.success(outcome.answer.imported, outcome.answer)}
          data-testid={`${testId}-success`}
        />
      )}
      {outcome?.kind === 'rows' && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 16 }}>
          <Alert type="error" showIcon title={outcome.message} description={text.failed(outcome.rows.length)} />
          <Table<RowProblem>
            size="small"
            rowKey={(row) => `${row.row}-${row.field}-${row.message}`}
            dataSource={outcome.rows}
            pagination={outcome.rows.length > 10 ? { pageSize: 10 } : false}
            columns={[
              { title: t('import.row'), dataIndex: 'row', width: 80 },
              { title: t('import.field'), dataIndex: 'field', width: 160 },
              {
                title: t('import.message'),
                dataIndex: 'message',
                render: (text: string) => <Typography.Text type="danger">{text}</Typography.Text>,
              },
            ]}
            data-testid={`${testId}-errors`}
          />
        </Space>
      )}
    </Modal>
  );
}
