import { SearchOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import type { OrgNode } from '../../api/types';
import { useT } from '../../i18n';
import { projectKinds } from '../calls/calls.api';
import { levels, type ProjectFilters, planPeriods, stages } from './projects.api';

/** The projects list's search box and filters (search debounced). */
export function ProjectFilterBar(props: {
  filters: ProjectFilters;
  schools: OrgNode[];
  onChange: (filters: ProjectFilters) => void;
}) {
  const { filters, schools, onChange } = props;
  const t = useT();
  const [q, setQ] = useState(filters.q ?? '');

  useEffect(() => {
    const timer = window.setTimeout(() => {
      const next = q.trim() || undefined;
      if (next !== filters.q) onChange({ ...filters, q: next });
    }, 300);
    return () => window.clearTimeout(timer);
  }, [q, filters, onChange]);

  return (
    <Flex wrap gap={8} style={{ marginBottom: 12 }}>
      <Input
        allowClear
        value={q}
        prefix={<SearchOutlined style={{ color: '#8c8c8c' }} />}
        onChange={(event) => setQ(event.target.value)}
        placeholder={t('projects.searchPlaceholder')}
        style={{ width: 240 }}
        data-testid="projects-search"
      />
      <Select
        allowClear
        placeholder={t('projects.filterLevel')}
        value={filters.level}
        onChange={(level?: ProjectFilters['level']) => onChange({ ...filters, level })}
        options={levels.map((value) => ({ value, label: t(`level.${value}`) }))}
        style={{ width: 110 }}
        data-testid="projects-filter-level"
      />
      <Select
        allowClear
        placeholder={t('projects.filterKind')}
        value={filters.kind}
        onChange={(kind?: ProjectFilters['kind']) => onChange({ ...filters, kind })}
        options={projectKinds.map((value) => ({ value, label: t(`kind.${value}`) }))}
        style={{ width: 140 }}
        data-testid="projects-filter-kind"
      />
      <Select
        allowClear
        placeholder={t('projects.filterStage')}
        value={filters.stage}
        onChange={(stage?: ProjectFilters['stage']) => onChange({ ...filters, stage })}
        options={stages.map((value) => ({ value, label: t(`stage.${value}`) }))}
        style={{ width: 150 }}
        data-testid="projects-filter-stage"
      />
      <Select
        allowClear
        placeholder={t('projects.filterPlanPeriod')}
        value={filters.planPeriod}
        onChange={(planPeriod?: string) => onChange({ ...filters, planPeriod })}
        options={planPeriods.map((value) => ({ value, label: value }))}
        style={{ width: 110 }}
      />
      {schools.length > 1 && (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('projects.filterOrg')}
          value={filters.orgId}
          onChange={(orgId?: string) => onChange({ ...filters, orgId })}
          options={schools.map((node) => ({ value: node.id, label: node.name }))}
          style={{ width: 200 }}
          data-testid="projects-filter-org"
        />
      )}
      <Button
        onClick={() => {
          setQ('');
          onChange({});
        }}
      >
        {t('common.reset')}
      </Button>
    </Flex>
  );
}
