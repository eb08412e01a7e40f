import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { Loading } from '../../components/States';
import { type Translate, useT } from '../../i18n';
import { enumLabel } from './labels';

const KINDS = ['paper', 'publication', 'award', 'any'] as const;
const LEVELS = ['school', 'district', 'city', 'provincial', 'national'] as const;
const RESULTS = ['special', 'first', 'second', 'third', 'merit', 'shortlisted'] as const;

interface Condition {
  kind: string;
  minCount: number;
  minLevel?: string;
  minChars?: number;
  minResult?: string;
}
interface Rule {
  key: string;
  label: string;
  anyOf: Condition[];
}
interface LevelRules {
  level: string;
  levelLabel: string;
  rules: Rule[];
  source: 'builtin' | 'deployment' | 'org';
  sourceOrgId: string | null;
  orgId: string | null;
  version: number;
  abilities: { edit: boolean };
}

function kindLabel(t: Translate, kind: string): string {
  return kind === 'any' ? t('running.rules.kindAny') : enumLabel(t, 'running.outputKind', kind);
}

/** A condition in words, e.g. "至少 2 篇 3000 字以上、省级及以上的论文". */
function describe(t: Translate, c: Condition): string {
  const parts: string[] = [];
  if (c.minChars) parts.push(t('running.rules.chars', { n: c.minChars }));
  if (c.minLevel) parts.push(t('running.rules.levelUp', { level: enumLabel(t, 'running.level', c.minLevel) }));
  if (c.minResult)
    parts.push(t('running.rules.resultUp', { result: enumLabel(t, 'running.awardResult', c.minResult) }));
  return t('running.rules.atLeast', {
    n: c.minCount,
    cond: parts.join(t('running.rules.sep')),
    kind: kindLabel(t, c.kind),
  });
}

function newKey(rules: Rule[]): string {
  let i = rules.length + 1;
  while (rules.some((r) => r.key === `rule_${i}`)) i++;
  return `rule_${i}`;
}

function RulesEditor({ item }: { item: LevelRules }) {
  const t = useT();
  const client = useQueryClient();
  const [rules, setRules] = useState<Rule[]>(item.rules);
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () =>
      api.put<LevelRules>(`/api/conclusion-rules/${item.level}`, {
        rules,
        version: item.version,
        ...(item.orgId ? { orgId: item.orgId } : {}),
      }),
    onSuccess: () => {
      setError(null);
      return client.invalidateQueries({ queryKey: ['conclusion-rules'] });
    },
    onError: (e) => setError(e instanceof ApiError ? e.message : String(e)),
  });
  const setRule = (i: number, rule: Rule) => setRules(rules.map((r, j) => (j === i ? rule : r)));
  const setCond = (i: number, k: number, patch: Partial<Condition>) =>
    setRule(i, { ...rules[i], anyOf: rules[i].anyOf.map((c, j) => (j === k ? { ...c, ...patch } : c)) });
  const opt = (prefix: string, values: readonly string[]) =>
    values.map((v) => ({ value: v, label: enumLabel(t, prefix, v) }));

  return (
    <Flex vertical gap={8} data-testid={`rules-editor-${item.level}`}>
      {rules.map((rule, i) => (
        <Card key={rule.key} size="small">
          <Flex gap={8} align="center">
            <Input
              value={rule.label}
              placeholder={t('running.rules.label')}
              onChange={(e) => setRule(i, { ...rule, label: e.target.value })}
            />
            <Button danger onClick={() => setRules(rules.filter((_, j) => j !== i))}>
              {t('running.rules.removeRule')}
            </Button>
          </Flex>
          {rule.anyOf.map((c, k) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: alternatives have no identity of their own
            <Space key={`${rule.key}-${k}`} wrap style={{ marginTop: 8 }}>
              {k > 0 && <Typography.Text type="secondary">{t('running.rules.or')}</Typography.Text>}
              <Select
                style={{ width: 110 }}
                value={c.kind}
                options={KINDS.map((v) => ({ value: v, label: kindLabel(t, v) }))}
                onChange={(kind) => setCond(i, k, { kind })}
              />
              <InputNumber
                min={1}
                max={100}
                addonBefore={t('running.rules.minCount')}
                value={c.minCount}
                onChange={(v) => setCond(i, k, { minCount: v ?? 1 })}
              />
              <Select
                allowClear
                style={{ width: 130 }}
                placeholder={t('running.rules.minLevel')}
                value={c.minLevel}
                options={opt('running.level', LEVELS)}
                onChange={(minLevel) => setCond(i, k, { minLevel })}
              />
              <InputNumber
                min={1}
                max={1_000_000}
                addonBefore={t('running.rules.minChars')}
                value={c.minChars}
                onChange={(v) => setCond(i, k, { minChars: v ?? undefined })}
              />
              <Select
                allowClear
                style={{ width: 130 }}
                placeholder={t('running.rules.minResult')}
                value={c.minResult}
                options={opt('running.awardResult', RESULTS)}
                onChange={(minResult) => setCond(i, k, { minResult })}
              />
              <Button
                icon={<MinusCircleOutlined />}
                disabled={rule.anyOf.length <= 1}
                onClick={() => setRule(i, { ...rule, anyOf: rule.anyOf.filter((_, j) => j !== k) })}
              />
            </Space>
          ))}
          <div style={{ marginTop: 8 }}>
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => setRule(i, { ...rule, anyOf: [...rule.anyOf, { kind: 'paper', minCount: 1 }] })}
            >
              {t('running.rules.addAlternative')}
            </Button>
          </div>
        </Card>
      ))}
      {error && <Alert type="error" showIcon message={error} data-testid="rules-error" />}
      <Flex gap={8}>
        <Button
          icon={<PlusOutlined />}
          onClick={() =>
            setRules([...rules, { key: newKey(rules), label: '', anyOf: [{ kind: 'paper', minCount: 1 }] }])
          }
        >
          {t('running.rules.addRule')}
        </Button>
        <Button type="primary" loading={save.isPending} onClick={() => save.mutate()} data-testid="rules-save">
          {t('running.rules.save')}
        </Button>
      </Flex>
    </Flex>
  );
}

/** 结题条件: the effective conclusion rules of every level, editable where allowed. */
export function ConclusionRulesPage() {
  const t = useT();
  const [editing, setEditing] = useState<string | null>(null);
  const query = useQuery({
    queryKey: ['conclusion-rules'],
    queryFn: () => api.get<{ items: LevelRules[] }>('/api/conclusion-rules'),
  });
  if (query.isLoading) return <Loading />;
  if (query.error) return <Alert type="error" showIcon message={query.error.message} />;
  return (
    <>
      <PageHeader title={t('running.rules.title')} testId="conclusion-rules-title" />
      <Flex vertical gap={16}>
        {(query.data?.items ?? []).map((item) => (
          <Card
            key={item.level}
            title={enumLabel(t, 'running.level', item.level)}
            data-testid={`rules-${item.level}`}
            extra={
              <Space>
                <Tag>{item.source === 'org' ? t('running.rules.sourceOrg') : t('running.rules.sourceDefault')}</Tag>
                {item.abilities.edit && (
                  <Button size="small" onClick={() => setEditing(editing === item.level ? null : item.level)}>
                    {editing === item.level ? t('running.rules.close') : t('running.rules.edit')}
                  </Button>
                )}
              </Space>
            }
          >
            {editing === item.level ? (
              <RulesEditor key={item.version} item={item} />
            ) : item.rules.length === 0 ? (
              <Typography.Text type="secondary">{t('running.rules.none')}</Typography.Text>
            ) : (
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {item.rules.map((rule) => (
                  <li key={rule.key}>
                    <Typography.Text strong>{rule.label}</Typography.Text>
                    {t('running.rules.colon')}
                    {rule.anyOf.map((c) => describe(t, c)).join(t('running.rules.orSep'))}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        ))}
      </Flex>
    </>
  );
}
