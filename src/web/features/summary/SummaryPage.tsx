import { FileWordOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Input,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useShowError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { Forbidden, Loading, NotFound } from '../../components/States';
import { useT } from '../../i18n';
import { useDashboardScope } from '../dashboard/scope';
import { type Summary, summaryDocxHref, useSaveSummary, useSummary } from './summary.api';

/** 学期教科研工作总结: the generated draft, editable section by section, saved per org and term, as Word. */
export function SummaryPage() {
  const t = useT();
  const scope = useDashboardScope();
  const summary = useSummary(scope.orgId, scope.termId);

  const tools = (
    <Space wrap>
      <Select
        value={scope.orgId}
        onChange={scope.setOrgId}
        options={scope.orgs.map((o) => ({ value: o.id, label: o.name }))}
        style={{ width: 240 }}
        showSearch={{ optionFilterProp: 'label' }}
        data-testid="summary-org"
      />
      <Select
        value={scope.termId}
        onChange={scope.setTermId}
        options={scope.terms.map((x) => ({ value: x.id, label: x.name }))}
        style={{ width: 240 }}
        data-testid="summary-term"
      />
      {scope.orgId && scope.termId && (
        <Button
          icon={<FileWordOutlined />}
          href={summaryDocxHref(scope.orgId, scope.termId)}
          data-testid="summary-download"
        >
          {t('summary.download')}
        </Button>
      )}
    </Space>
  );

  let body = <Loading />;
  if (summary.error instanceof ApiError && summary.error.status === 403) body = <Forbidden />;
  else if (summary.error) body = <NotFound />;
  else if (summary.data) body = <SummaryEditor key={editorKey(summary.data)} summary={summary.data} />;
  return (
    <>
      <PageHeader title={t('summary.title')} subtitle={t('summary.subtitle')} extra={tools} testId="summary-page" />
      {body}
    </>
  );
}

/** A new editor (fresh local texts) whenever another draft, version or generation arrives. */
const editorKey = (s: Summary) => `${s.orgId}|${s.termId}|${s.version ?? 'new'}|${s.generatedAt}`;

function SummaryEditor({ summary }: { summary: Summary }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const save = useSaveSummary(summary.orgId, summary.termId);
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(summary.sections.map((s) => [s.key, s.text])),
  );
  const changed = summary.sections.filter((s) => texts[s.key] !== s.text);
  const canEdit = summary.abilities.update;

  const submit = (extra: { regenerate?: boolean; overwrite?: boolean }, done: string) =>
    save.mutate(
      {
        version: summary.version ?? undefined,
        // Only what was typed here: a regeneration must not mistake untouched text for an edit.
        sections: extra.overwrite ? [] : changed.map((s) => ({ key: s.key, text: texts[s.key] ?? s.text })),
        ...extra,
      },
      { onSuccess: () => message.success(done), onError: (e) => showError(e) },
    );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={17}>
        <Card
          size="small"
          title={<span data-testid="summary-doc-title">{summary.title}</span>}
          extra={
            <Typography.Text type="secondary" data-testid="summary-status">
              {summary.version ? t('summary.savedVersion', { version: summary.version }) : t('summary.unsaved')}
            </Typography.Text>
          }
        >
          {canEdit ? (
            <Flex gap={8} wrap style={{ marginBottom: 16 }}>
              <Button
                type="primary"
                icon={<SaveOutlined />}
                onClick={() => submit({}, t('summary.saved'))}
                loading={save.isPending}
                disabled={summary.version !== null && changed.length === 0}
                data-testid="summary-save"
              >
                {t('summary.save')}
              </Button>
              <Popconfirm
                title={t('summary.regenerateConfirm')}
                onConfirm={() => submit({ regenerate: true }, t('summary.regenerated'))}
              >
                <Button icon={<ReloadOutlined />} data-testid="summary-regenerate">
                  {t('summary.regenerate')}
                </Button>
              </Popconfirm>
              <Popconfirm
                title={t('summary.overwriteConfirm')}
                onConfirm={() => submit({ regenerate: true, overwrite: true }, t('summary.regenerated'))}
              >
                <Button danger>{t('summary.overwrite')}</Button>
              </Popconfirm>
            </Flex>
          ) : (
            <Tag style={{ marginBottom: 16 }}>{t('summary.readOnly')}</Tag>
          )}
          {summary.stale && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              message={t('summary.stale')}
              data-testid="summary-stale"
            />
          )}
          <Flex vertical gap={20}>
            {summary.sections.map((s) => (
              <div key={s.key} data-testid={`summary-section-${s.key}`}>
                <Flex align="center" gap={8} style={{ marginBottom: 6 }}>
                  <Typography.Text strong style={{ fontSize: 16 }}>
                    {s.title || t('summary.section.intro')}
                  </Typography.Text>
                  {(s.edited || texts[s.key] !== s.text) && <Tag color="orange">{t('summary.edited')}</Tag>}
                </Flex>
                {canEdit ? (
                  <Input.TextArea
                    value={texts[s.key] ?? ''}
                    onChange={(e) => setTexts((prev) => ({ ...prev, [s.key]: e.target.value }))}
                    autoSize={{ minRows: 2 }}
                    data-testid={`summary-text-${s.key}`}
                  />
                ) : (
                  <SectionText text={s.text} />
                )}
              </div>
            ))}
          </Flex>
        </Card>
      </Col>
      <Col xs={24} xl={7}>
        <FiguresCard summary={summary} />
      </Col>
    </Row>
  );
}

function SectionText({ text }: { text: string }) {
  return (
    <>
      {text.split('\n').map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines of one text block, never reordered
        <Typography.Paragraph key={i} style={{ textIndent: '2em', marginBottom: 4 }}>
          {line}
        </Typography.Paragraph>
      ))}
    </>
  );
}

function FiguresCard({ summary }: { summary: Summary }) {
  const t = useT();
  return (
    <Card size="small" title={t('summary.figures')} data-testid="summary-figures">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('summary.figuresHint')}
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={summary.figures}
        columns={[
          { dataIndex: 'label', title: '', ellipsis: true },
          { dataIndex: 'display', title: '', align: 'right', width: 80 },
        ]}
        showHeader={false}
      />
    </Card>
  );
}
