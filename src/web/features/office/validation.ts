import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { ApiError } from '../../api/client';
import type { Translate } from '../../i18n';

/** zh-CN validation of a number field: required (unless optional), whole when asked, within min…max. */
export function numberRules(
  t: Translate,
  field: string,
  min: number,
  max: number,
  options: { integer?: boolean; optional?: boolean } = {},
): Rule[] {
  const integer = options.integer ?? true;
  return [
    { required: !options.optional, message: t('rules.v.required', { field }) },
    {
      validator: (_rule, value: unknown) => {
        if (value === null || value === undefined || value === '') return Promise.resolve();
        if (typeof value !== 'number' || Number.isNaN(value)) {
          return Promise.reject(new Error(t('rules.v.required', { field })));
        }
        if (integer && !Number.isInteger(value)) return Promise.reject(new Error(t('rules.v.integer', { field })));
        if (value < min || value > max) return Promise.reject(new Error(t('rules.v.range', { field, min, max })));
        return Promise.resolve();
      },
    },
  ];
}

/** Puts the server's `details.fields[]` (dotted paths like `rules.observations.ageLimit`) on the form. */
export function placeFieldErrors(form: FormInstance, error: ApiError): number {
  const fields = error.fields.map((problem) => ({
    name: problem.field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
    errors: [problem.message],
  }));
  if (fields.length > 0) form.setFields(fields);
  return fields.length;
}
