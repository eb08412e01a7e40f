import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Page, Person } from '../../api/types';
import { useT } from '../../i18n';

/** A large people picker for the phone: searches the school's teachers by name, reports the chosen person. */
export function TeacherSelect(props: {
  value?: string;
  knownName?: string | null;
  orgId?: string | null;
  /** Left out of the choices (the observer themself). */
  excludeId?: string;
  onChange: (person: Pick<Person, 'id' | 'name' | 'subjects'> | undefined) => void;
  disabled?: boolean;
}) {
  const t = useT();
  const [q, setQ] = useState('');
  const search = useQuery({
    queryKey: ['people', 'pick', props.orgId, q],
    queryFn: () =>
      api.get<Page<Person>>('/api/people', { q: q || undefined, orgId: props.orgId ?? undefined, pageSize: 30 }),
    staleTime: 60_000,
  });
  const found = (search.data?.items ?? []).filter((person) => person.id !== props.excludeId);
  const options = found.map((person) => ({
    value: person.id,
    label: person.subjects.length > 0 ? `${person.name}（${person.subjects.join('、')}）` : person.name,
  }));
  if (props.value && !found.some((person) => person.id === props.value)) {
    options.unshift({ value: props.value, label: props.knownName ?? props.value });
  }
  return (
    <Select
      size="large"
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={props.value}
      onChange={(id?: string) => {
        const person = found.find((item) => item.id === id);
        props.onChange(id ? (person ?? { id, name: props.knownName ?? id, subjects: [] }) : undefined);
      }}
      onClear={() => setQ('')}
      placeholder={t('observation.teacherPlaceholder')}
      options={options}
      // finger-sized rows on a phone
      optionRender={(option) => <div style={{ padding: '6px 0', fontSize: 16 }}>{option.label}</div>}
      loading={search.isFetching}
      disabled={props.disabled}
      style={{ width: '100%' }}
      data-testid="obs-teacher"
    />
  );
}
