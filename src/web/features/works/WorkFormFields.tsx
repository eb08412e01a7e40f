import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, UserAddOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Form, Input, Select, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import { useT } from '../../i18n';
import { type PersonOption, PersonSelect } from '../projects/PersonSelect';

/** One author row of the form: a teacher picked from the roster, or an outside co-author's name. */
export interface AuthorRow {
  outside: boolean;
  personId?: string;
  outsideName?: string;
}

/** The authors in byline order, with up/down, a teacher picker and outside names. */
export function AuthorsField({ known }: { known: PersonOption[] }) {
  const t = useT();
  return (
    <Form.List
      name="authors"
      rules={[
        {
          validator: async (_, rows: AuthorRow[] | undefined) => {
            if (!rows?.some((row) => !row.outside)) throw new Error(t('workForm.authorsRequired'));
          },
        },
      ]}
    >
      {(fields, { add, remove, move }, { errors }) => (
        <Flex vertical gap={8} data-testid="work-authors">
          {fields.map((field, index) => (
            <Flex key={field.key} gap={8} align="center" data-testid={`work-author-${index}`}>
              <Tag style={{ minWidth: 28, textAlign: 'center' }}>{index + 1}</Tag>
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) =>
                  getFieldValue(['authors', field.name, 'outside']) ? (
                    <Form.Item
                      name={[field.name, 'outsideName']}
                      noStyle
                      rules={[{ required: true, whitespace: true, message: t('workForm.authorOutside') }]}
                    >
                      <Input
                        prefix={<Tag color="orange">{t('work.outsideAuthor')}</Tag>}
                        placeholder={t('workForm.authorOutside')}
                        style={{ width: 320 }}
                        data-testid={`work-author-outside-${index}`}
                      />
                    </Form.Item>
                  ) : (
                    <Form.Item
                      name={[field.name, 'personId']}
                      noStyle
                      rules={[{ required: true, message: t('workForm.authorPerson') }]}
                    >
                      <PersonSelect known={known} width={320} testId={`work-author-person-${index}`} />
                    </Form.Item>
                  )
                }
              </Form.Item>
              <Button
                icon={<ArrowUpOutlined />}
                disabled={index === 0}
                onClick={() => move(index, index - 1)}
                title={t('workForm.moveUp')}
              />
              <Button
                icon={<ArrowDownOutlined />}
                disabled={index === fields.length - 1}
                onClick={() => move(index, index + 1)}
                title={t('workForm.moveDown')}
              />
              <Button danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} title={t('common.delete')} />
            </Flex>
          ))}
          <Flex gap={8}>
            <Button icon={<UserOutlined />} onClick={() => add({ outside: false })} data-testid="work-author-add">
              {t('workForm.addAuthor')}
            </Button>
            <Button
              icon={<UserAddOutlined />}
              onClick={() => add({ outside: true })}
              data-testid="work-author-add-outside"
            >
              {t('workForm.addOutside')}
            </Button>
          </Flex>
          <Form.ErrorList errors={errors} />
        </Flex>
      )}
    </Form.List>
  );
}

interface ProjectOption {
  id: string;
  title: string;
}

/** Picks the projects (课题) a work comes out of, searching GET /api/projects by title. */
export function ProjectsSelect(props: {
  value?: string[];
  onChange?: (value: string[]) => void;
  known: ProjectOption[];
}) {
  const t = useT();
  const [q, setQ] = useState('');
  const search = useQuery({
    queryKey: ['projects', 'pick', q],
    queryFn: () => api.get<Page<ProjectOption>>('/api/projects', { q: q || undefined, pageSize: 30 }),
    staleTime: 30_000,
  });
  const byId = new Map<string, ProjectOption>();
  for (const project of [...props.known, ...(search.data?.items ?? [])]) byId.set(project.id, project);
  return (
    <Select
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={props.value ?? []}
      onChange={(value: string[]) => props.onChange?.(value)}
      placeholder={t('workForm.projectsPlaceholder')}
      options={[...byId.values()].map((project) => ({ value: project.id, label: project.title }))}
      loading={search.isFetching}
      data-testid="work-projects"
    />
  );
}
