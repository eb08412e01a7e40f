import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../api/client';
import { type MessageKey, useT } from '../i18n';

/** Options for showing an error. */
export interface ShowErrorOptions {
  /** The message to show on a 409 without field details: a stale version (PATCH). */
  conflict?: MessageKey;
  /** A form to put `details.fields` on; fields it cannot place still show in the toast. */
  form?: FormInstance;
}

/** Puts `details.fields[]` on matching form fields; answers whether any was placed. */
export function applyFieldErrors(form: FormInstance, error: ApiError): boolean {
  const known = new Set(form.getFieldsError().map((field) => String(field.name[0])));
  const fields = error.fields
    .map((problem) => ({ name: problem.field.split('.')[0], errors: [problem.message] }))
    .filter((field) => known.has(field.name));
  if (fields.length > 0) form.setFields(fields);
  return fields.length > 0;
}

/** Shows an API error's zh-CN message with antd `message`. */
export function useShowError(): (error: unknown, options?: ShowErrorOptions) => void {
  const { message } = App.useApp();
  const t = useT();
  return useCallback(
    (error: unknown, options?: ShowErrorOptions) => {
      if (!(error instanceof ApiError)) {
        message.error(error instanceof Error ? error.message : String(error));
        return;
      }
      if (error.status === 0) {
        message.error(t('common.networkError'));
        return;
      }
      if (error.status === 409 && options?.conflict && error.fields.length === 0) {
        message.error(t(options.conflict));
        return;
      }
      if (options?.form) applyFieldErrors(options.form, error);
      message.error(error.message || String(error.status));
    },
    [message, t],
  );
}
