import { App, Flex, Modal, Tag, Typography } from 'antd';
import { useShowError } from '../../components/feedback';
import { EmptyState } from '../../components/States';
import { useT } from '../../i18n';
import { officeLabel } from './labels';
import { type ComplianceItem, type RuleKey, type Scope, useSendReminders } from './office.api';

/** Confirms and sends an in-app reminder to every teacher behind on the shown rules. */
export function RemindModal(props: {
  open: boolean;
  scope: Scope;
  rule: RuleKey | undefined;
  items: ComplianceItem[];
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const send = useSendReminders();
  const people = new Map<string, { name: string; rules: string[] }>();
  for (const item of props.items) {
    const entry = people.get(item.personId) ?? { name: item.personName, rules: [] };
    entry.rules.push(`${officeLabel(t, 'ruleKey', item.rule)} ${t('compliance.behindPace', { n: item.behindToDate })}`);
    people.set(item.personId, entry);
  }
  const personIds = [...people.keys()];

  return (
    <Modal
      open={props.open}
      title={t('compliance.remindTitle')}
      okText={t('compliance.remind')}
      okButtonProps={{ disabled: personIds.length === 0, 'data-testid': 'compliance-remind-ok' }}
      confirmLoading={send.isPending}
      onCancel={props.onClose}
      onOk={() =>
        send.mutate(
          { ...props.scope, personIds, rule: props.rule },
          {
            onSuccess: (answer) => {
              message.success(t('compliance.remindSent', { n: answer?.sent ?? personIds.length }));
              props.onClose();
            },
            onError: (error) => showError(error),
          },
        )
      }
      destroyOnHidden
    >
      {personIds.length === 0 ? (
        <EmptyState text={t('compliance.remindNone')} />
      ) : (
        <Flex vertical gap={8} data-testid="compliance-remind-list">
          <Typography.Text>{t('compliance.remindText', { n: personIds.length })}</Typography.Text>
          <Flex vertical gap={4} style={{ maxHeight: 320, overflow: 'auto' }}>
            {[...people.entries()].map(([id, person]) => (
              <Flex key={id} gap={8} wrap align="center">
                <Typography.Text strong style={{ minWidth: 64 }}>
                  {person.name}
                </Typography.Text>
                {person.rules.map((text) => (
                  <Tag key={text} color="error">
                    {text}
                  </Tag>
                ))}
              </Flex>
            ))}
          </Flex>
        </Flex>
      )}
    </Modal>
  );
}
