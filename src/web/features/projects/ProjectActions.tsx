import { App, Button, DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useT } from '../../i18n';
import { type Action, type Grade, grades, type Project, useTransition } from './projects.api';
import { RoutePreview } from './RoutePreview';

const forward = new Set<Action>([
  'submit',
  'recommend',
  'send_to_review',
  'approve',
  'open',
  'pass_midterm',
  'request_conclusion',
  'conclude',
]);
const negative = new Set<Action>(['return', 'reject', 'terminate', 'fail']);
const needsReason = new Set<Action>(['return', 'reject', 'terminate']);

interface ActionValues {
  reason?: string;
  grade?: Grade;
  until?: Dayjs;
}

interface ProjectActionsProps {
  project: Project;
  /** Offers only these of the allowed actions, in this order (e.g. the decision a review round informs). */
  only?: readonly Action[];
  /** A confirmation title in place of the usual one, per action (e.g. when scores are missing). */
  confirmTitles?: Partial<Record<Action, string>>;
}

/**
 * The transition buttons the server allows now, each asking what its action needs. Renders the
 * buttons side by side without a wrapper: put them in a Flex with a gap (a Space sees one child).
 */
export function ProjectActions({ project, only, confirmTitles }: ProjectActionsProps) {
  const t = useT();
  const { message, notification } = App.useApp();
  const transition = useTransition();
  const [action, setAction] = useState<Action | null>(null);
  const [form] = Form.useForm<ActionValues>();

  const run = (values: ActionValues) => {
    if (!action) return;
    const label = t(`action.${action}`);
    transition.mutate(
      {
        id: project.id,
        action,
        reason: values.reason?.trim() || undefined,
        grade: values.grade,
        until: values.until?.format('YYYY-MM-DD'),
      },
      {
        onSuccess: () => {
          message.success(t('transition.done', { action: label }));
          setAction(null);
        },
        onError: (error) =>
          notification.error({ title: t('transition.failedTitle', { action: label }), description: error.message }),
      },
    );
  };

  const open = (next: Action) => {
    form.resetFields();
    setAction(next);
  };

  const title = (a: Action) => {
    const custom = confirmTitles?.[a];
    if (custom) return custom;
    if (needsReason.has(a)) return t('transition.reasonTitle', { action: t(`action.${a}`) });
    if (a === 'conclude') return t('transition.gradeTitle');
    if (a === 'extend') return t('transition.extendTitle');
    if (a === 'submit') return t('transition.submitTitle');
    return t('transition.confirmTitle', { action: t(`action.${a}`) });
  };

  return (
    <>
      {(only ? only.filter((a) => project.abilities.actions.includes(a)) : project.abilities.actions).map((a) => (
        <Button
          key={a}
          type={forward.has(a) ? 'primary' : 'default'}
          danger={negative.has(a)}
          onClick={() => open(a)}
          data-testid={`project-action-${a}`}
        >
          {t(`action.${a}`)}
        </Button>
      ))}
      <Modal
        open={action !== null}
        title={action ? title(action) : ''}
        onCancel={() => setAction(null)}
        footer={
          <>
            <Button onClick={() => setAction(null)}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              danger={action ? negative.has(action) : false}
              loading={transition.isPending}
              onClick={() => form.submit()}
              data-testid="project-action-confirm"
            >
              {action ? t(`action.${action}`) : ''}
            </Button>
          </>
        }
        destroyOnHidden
      >
        <Form<ActionValues> form={form} layout="vertical" onFinish={run} preserve={false}>
          {action === 'submit' && (
            <>
              <Typography.Paragraph type="secondary">{t('transition.submitText')}</Typography.Paragraph>
              <RoutePreview projectId={project.id} />
            </>
          )}
          {action && (needsReason.has(action) || action === 'request_conclusion') && (
            <Form.Item
              name="reason"
              label={t('transition.reason')}
              extra={action === 'request_conclusion' ? t('transition.conclusionReasonHelp') : undefined}
              rules={
                needsReason.has(action)
                  ? [{ required: true, whitespace: true, message: t('transition.reasonRequired') }]
                  : []
              }
            >
              <Input.TextArea
                autoSize={{ minRows: 3, maxRows: 8 }}
                maxLength={2000}
                data-testid="project-action-reason"
              />
            </Form.Item>
          )}
          {action === 'conclude' && (
            <Form.Item
              name="grade"
              label={t('transition.grade')}
              rules={[{ required: true, message: t('common.requiredSelect', { field: t('transition.grade') }) }]}
            >
              <Radio.Group
                options={grades.map((value) => ({ value, label: t(`grade.${value}`) }))}
                data-testid="project-action-grade"
              />
            </Form.Item>
          )}
          {action === 'extend' && (
            <Form.Item
              name="until"
              label={t('transition.until')}
              rules={[{ required: true, message: t('common.requiredSelect', { field: t('transition.until') }) }]}
            >
              <DatePicker data-testid="project-action-until" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
