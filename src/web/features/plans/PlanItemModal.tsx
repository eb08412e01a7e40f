import { Checkbox, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useShowError } from '../../components/feedback';
import { useT } from '../../i18n';
import { usePeople } from '../people/people.api';
import { type Plan, type PlanItem, useSaveItem } from './plans.api';

interface Values {
  title: string;
  month: string;
  ownerId?: string | null;
  ownerText?: string;
  dueOn?: Dayjs | null;
  done?: boolean;
  note?: string;
}

/** Adds or edits one item of the monthly arrangement. */
export function PlanItemModal(props: {
  plan: Plan;
  item?: PlanItem;
  month?: string;
  open: boolean;
  onClose: () => void;
}) {
  const { plan, item, open, onClose } = props;
  const t = useT();
  const [form] = Form.useForm<Values>();
  const save = useSaveItem();
  const showError = useShowError();
  const people = usePeople({ orgId: plan.orgId }, 1, 200, open);

  useEffect(() => {
    if (!open) return;
    form.setFieldsValue({
      title: item?.title ?? '',
      month: item?.month ?? props.month ?? plan.months[0],
      ownerId: item?.ownerId ?? null,
      ownerText: item?.ownerText ?? '',
      dueOn: item?.dueOn ? dayjs(item.dueOn) : null,
      done: item?.done ?? false,
      note: item?.note ?? '',
    });
  }, [open, item, props.month, plan.months, form]);

  const submit = async () => {
    const v = await form.validateFields();
    save.mutate(
      {
        planId: plan.id,
        item,
        body: {
          title: v.title,
          month: v.month,
          ownerId: v.ownerId ?? null,
          ownerText: v.ownerText?.trim() || null,
          dueOn: v.dueOn ? v.dueOn.format('YYYY-MM-DD') : null,
          done: v.done ?? false,
          note: v.note ?? '',
        },
      },
      { onSuccess: onClose, onError: (e) => showError(e, { form }) },
    );
  };

  return (
    <Modal
      open={open}
      title={t(item ? 'plans.editItem' : 'plans.addItem')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={save.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'plan-item-save' }}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="title" label={t('plans.itemTitle')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="plan-item-title" />
        </Form.Item>
        <Form.Item name="month" label={t('plans.itemMonth')} rules={[{ required: true }]}>
          <Select
            options={plan.months.map((m) => ({
              value: m,
              label: t('plans.monthTitle', { month: Number(m.slice(5)) }),
            }))}
            data-testid="plan-item-month"
          />
        </Form.Item>
        <Form.Item name="ownerId" label={t('plans.itemOwner')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={people.isLoading}
            options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
        <Form.Item name="ownerText" label={t('plans.itemOwnerText')}>
          <Input placeholder={t('plans.itemOwnerTextHint')} maxLength={60} />
        </Form.Item>
        <Form.Item name="dueOn" label={t('plans.itemDue')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('plans.itemNote')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Form.Item name="done" valuePropName="checked">
          <Checkbox>{t('plans.itemDone')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
