import { SearchOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { ageBands, backboneLevels, type OrgNode, titles } from '../../api/types';
import { useT } from '../../i18n';
import type { PeopleFilters } from './people.api';

/** The roster's search box and filters; reports changes (search debounced). */
export function PeopleFilterBar(props: {
  filters: PeopleFilters;
  schools: OrgNode[];
  onChange: (filters: PeopleFilters) => void;
}) {
  const { filters, schools, onChange } = props;
  const t = useT();
  const [q, setQ] = useState(filters.q ?? '');
  const [subject, setSubject] = useState(filters.subject ?? '');

  useEffect(() => {
    const timer = window.setTimeout(() => {
      const nextQ = q.trim() || undefined;
      const nextSubject = subject.trim() || undefined;
      if (nextQ !== filters.q || nextSubject !== filters.subject) {
        onChange({ ...filters, q: nextQ, subject: nextSubject });
      }
    }, 300);
    return () => window.clearTimeout(timer);
  }, [q, subject, filters, onChange]);

  const school = schools.find((node) => node.id === filters.orgId);
  const groups = school ? school.children.filter((node) => node.kind === 'group') : [];
  const width = { width: 150 };

  return (
    <Flex wrap gap={8} style={{ marginBottom: 16 }}>
      <Input
        allowClear
        value={q}
        prefix={<SearchOutlined style={{ color: '#8c8c8c' }} />}
        onChange={(event) => setQ(event.target.value)}
        placeholder={t('people.searchPlaceholder')}
        style={{ width: 220 }}
        data-testid="people-search"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('people.filterOrg')}
        value={filters.orgId}
        onChange={(orgId?: string) => onChange({ ...filters, orgId, groupId: undefined })}
        options={schools.map((node) => ({ value: node.id, label: node.name }))}
        style={{ width: 200 }}
        data-testid="people-filter-org"
      />
      <Select
        allowClear
        disabled={!school}
        placeholder={t('people.filterGroup')}
        value={filters.groupId}
        onChange={(groupId?: string) => onChange({ ...filters, groupId })}
        options={groups.map((node) => ({ value: node.id, label: node.name }))}
        style={{ width: 160 }}
      />
      <Input
        allowClear
        value={subject}
        onChange={(event) => setSubject(event.target.value)}
        placeholder={t('people.filterSubject')}
        style={{ width: 120 }}
      />
      <Select
        allowClear
        placeholder={t('people.filterTitle')}
        value={filters.title}
        onChange={(title?: PeopleFilters['title']) => onChange({ ...filters, title })}
        options={titles.map((value) => ({ value, label: t(`title.${value}`) }))}
        style={width}
      />
      <Select
        allowClear
        placeholder={t('people.filterAge')}
        value={filters.ageBand}
        onChange={(ageBand?: PeopleFilters['ageBand']) => onChange({ ...filters, ageBand })}
        options={ageBands.map((value) => ({ value, label: t(`ageBand.${value}`) }))}
        style={{ width: 130 }}
      />
      <Select
        allowClear
        placeholder={t('people.filterBackbone')}
        value={filters.backboneLevel}
        onChange={(backboneLevel?: PeopleFilters['backboneLevel']) => onChange({ ...filters, backboneLevel })}
        options={backboneLevels.map((value) => ({ value, label: t(`backbone.${value}`) }))}
        style={width}
      />
      <Button
        onClick={() => {
          setQ('');
          setSubject('');
          onChange({});
        }}
      >
        {t('common.reset')}
      </Button>
    </Flex>
  );
}
