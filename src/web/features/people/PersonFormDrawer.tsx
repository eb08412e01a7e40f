import { App, Button, Col, DatePicker, Divider, Drawer, Flex, Form, Input, Radio, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  type BackboneLevel,
  backboneLevels,
  type Gender,
  genders,
  type OrgNode,
  type Person,
  type PersonInput,
  type Title,
  titles,
} from '../../api/types';
import { useShowError } from '../../components/feedback';
import { useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { useCreatePerson, useUpdatePerson } from './people.api';

interface PersonValues {
  name: string;
  orgId?: string;
  gender: Gender;
  birthDate?: Dayjs;
  hireDate?: Dayjs;
  subjects: string[];
  title: Title;
  backboneLevel: BackboneLevel;
  groupIds: string[];
  phone?: string;
  email?: string;
  employeeNo?: string;
  username?: string;
  password?: string;
}

function toValues(person: Person): PersonValues {
  return {
    name: person.name,
    orgId: person.orgId,
    gender: person.gender,
    birthDate: dayjs(person.birthDate),
    hireDate: person.hireDate ? dayjs(person.hireDate) : undefined,
    subjects: person.subjects,
    title: person.title,
    backboneLevel: person.backboneLevel,
    groupIds: person.groups.map((group) => group.id),
    phone: person.phone ?? undefined,
    email: person.email ?? undefined,
    employeeNo: person.employeeNo ?? undefined,
  };
}

function blankToNull(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** The add/edit form of a teacher, in a drawer. Without `person` it creates one. */
export function PersonFormDrawer(props: { person?: Person; schools: OrgNode[]; onClose: () => void }) {
  const { person, schools, onClose } = props;
  const t = useT();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<PersonValues>();
  const create = useCreatePerson();
  const update = useUpdatePerson();
  const orgId = Form.useWatch('orgId', form);
  const groups = schools.find((school) => school.id === orgId)?.children.filter((n) => n.kind === 'group') ?? [];
  const defaultOrg = schools.find((school) => school.id === me.orgId)?.id ?? schools[0]?.id;

  const initialValues: PersonValues = person
    ? toValues(person)
    : {
        name: '',
        orgId: defaultOrg,
        gender: 'female',
        subjects: [],
        title: 'unrated',
        backboneLevel: 'none',
        groupIds: [],
      };

  const submit = (values: PersonValues) => {
    const body: PersonInput = {
      name: values.name.trim(),
      orgId: values.orgId ?? '',
      gender: values.gender,
      birthDate: values.birthDate ? values.birthDate.format('YYYY-MM-DD') : '',
      hireDate: values.hireDate ? values.hireDate.format('YYYY-MM-DD') : null,
      subjects: values.subjects,
      title: values.title,
      backboneLevel: values.backboneLevel,
      groupIds: values.groupIds,
      phone: blankToNull(values.phone),
      email: blankToNull(values.email),
      employeeNo: blankToNull(values.employeeNo),
    };
    const onError = (error: unknown) => showError(error, { form, conflict: person ? 'common.conflict' : undefined });
    if (person) {
      update.mutate(
        { id: person.id, version: person.version, ...body },
        {
          onSuccess: () => {
            message.success(t('common.saved'));
            onClose();
          },
          onError,
        },
      );
      return;
    }
    const username = values.username?.trim();
    const created: PersonInput = username ? { ...body, username, password: values.password } : body;
    create.mutate(created, {
      onSuccess: (answer) => {
        message.success(t('people.created', { name: answer.name }));
        onClose();
      },
      onError,
    });
  };

  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];
  const requiredSelect = (field: string) => [{ required: true, message: t('common.requiredSelect', { field }) }];

  return (
    <Drawer
      open
      size={640}
      title={person ? `${t('person.edit')} · ${person.name}` : t('people.add')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={create.isPending || update.isPending}
            onClick={() => form.submit()}
            data-testid="person-form-submit"
          >
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={submit} data-testid="person-form">
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label={t('people.name')} rules={required(t('people.name'))}>
              <Input maxLength={50} data-testid="person-form-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="orgId" label={t('people.org')} rules={requiredSelect(t('people.org'))}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={schools.map((school) => ({ value: school.id, label: school.name }))}
                onChange={() => form.setFieldValue('groupIds', [])}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="gender" label={t('people.gender')} rules={requiredSelect(t('people.gender'))}>
              <Radio.Group options={genders.map((value) => ({ value, label: t(`gender.${value}`) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="birthDate" label={t('people.birthDate')} rules={requiredSelect(t('people.birthDate'))}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="hireDate" label={t('people.hireDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="subjects" label={t('people.subjects')}>
              <Select mode="tags" placeholder={t('people.subjectsPlaceholder')} open={false} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="title" label={t('people.titleField')}>
              <Select options={titles.map((value) => ({ value, label: t(`title.${value}`) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="backboneLevel" label={t('people.backbone')}>
              <Select options={backboneLevels.map((value) => ({ value, label: t(`backbone.${value}`) }))} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="groupIds" label={t('people.groups')}>
              <Select
                mode="multiple"
                disabled={groups.length === 0}
                options={groups.map((group) => ({ value: group.id, label: group.name }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="phone" label={t('people.phone')}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="email" label={t('people.email')} rules={[{ type: 'email' }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="employeeNo" label={t('people.employeeNo')}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
        </Row>
        {!person && (
          <>
            <Divider titlePlacement="start">{t('people.username')}</Divider>
            <Typography.Paragraph type="secondary">{t('people.accountHint')}</Typography.Paragraph>
            <Row gutter={16}>
              <Col span={12}>
                <Form.Item name="username" label={t('people.username')}>
                  <Input autoComplete="off" maxLength={50} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item
                  name="password"
                  label={t('people.password')}
                  dependencies={['username']}
                  rules={[
                    ({ getFieldValue }) => ({
                      required: Boolean(String(getFieldValue('username') ?? '').trim()),
                      message: t('common.required', { field: t('people.password') }),
                    }),
                  ]}
                >
                  <Input.Password autoComplete="new-password" />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}
      </Form>
    </Drawer>
  );
}
