import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Page, Person } from '../../api/types';
import { useT } from '../../i18n';

/** A person already chosen: id and name (to show before any search). */
export interface PersonOption {
  id: string;
  name: string;
  orgName?: string;
}

/** A people picker searching GET /api/people by name (within the caller's scope). */
export function PersonSelect(props: {
  value?: string;
  onChange?: (value: string | undefined) => void;
  known?: PersonOption[];
  orgId?: string;
  placeholder?: string;
  testId?: string;
  width?: number | string;
}) {
  const t = useT();
  const [q, setQ] = useState('');
  const search = useQuery({
    queryKey: ['people', 'pick', props.orgId, q],
    queryFn: () => api.get<Page<Person>>('/api/people', { q: q || undefined, orgId: props.orgId, pageSize: 20 }),
    staleTime: 30_000,
  });
  const found: PersonOption[] = search.data?.items ?? [];
  const byId = new Map<string, PersonOption>();
  for (const person of [...(props.known ?? []), ...found]) byId.set(person.id, person);
  const options = [...byId.values()].map((person) => ({
    value: person.id,
    label: person.orgName ? `${person.name}（${person.orgName}）` : person.name,
  }));
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={props.value}
      onChange={(value?: string) => props.onChange?.(value)}
      onClear={() => setQ('')}
      placeholder={props.placeholder ?? t('form.personSearch')}
      options={options}
      loading={search.isFetching}
      notFoundContent={search.isError ? search.error.message : undefined}
      style={{ width: props.width ?? '100%' }}
      data-testid={props.testId}
    />
  );
}
