import type { MessageKey, Translate } from '../../i18n';

/** A code's name when the catalogue has one, else the code itself (a new kind of record still shows). */
function named(t: Translate, key: string, code: string): string {
  const text = t(key as MessageKey);
  return text === key ? code : text;
}

/** The record kind an entry is about, in words ('observation' → 听课记录). */
export function entityLabel(t: Translate, entity: string): string {
  return named(t, `audit.entity.${entity}`, entity);
}

/** What was done, in words, from the action's last part ('project.report.return' → 退回). */
export function actionLabel(t: Translate, action: string): string {
  const verb = action.split('.').at(-1) ?? action;
  return named(t, `audit.verb.${verb}`, action);
}

/** Where the record of an entry opens, for the kinds that have a page. */
export function entityLink(entity: string, id: string | null): string | null {
  if (!id) return null;
  const pages: Record<string, string> = {
    project: '/projects/',
    work: '/works/',
    activity: '/activities/',
    growth_record: '/growth/',
    observation: '/observations/',
    person: '/people/',
    call: '/calls/',
    review_round: '/reviews/',
    mentorship: '/mentorships/',
    plan: '/plans/',
  };
  return pages[entity] ? `${pages[entity]}${id}` : null;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A stored value as a reader reads it: instants in local time, a list of names with 、, objects compactly, nothing as —. */
export function valueText(value: unknown, localTime: (iso: string) => string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return ISO_INSTANT.test(value) ? localTime(value) : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('、');
  return JSON.stringify(value);
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

const asRecord = (v: unknown): Record<string, unknown> | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/**
 * The fields of an entry side by side, changed ones first: before and after are whatever the service wrote (a row, a
 * patch, a few values). A value that is not an object shows as one row.
 */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const b = asRecord(before);
  const a = asRecord(after);
  if (!b && !a) {
    if (before === undefined && after === undefined) return [];
    return [{ field: '', before, after, changed: JSON.stringify(before) !== JSON.stringify(after) }];
  }
  const fields = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  const rows = fields.map((field) => {
    const was = b?.[field];
    const now = a?.[field];
    // Only one side written (a creation, a deletion, a patch): every field it names is part of the change.
    const changed = !b || !a || !(field in b) || !(field in a) || JSON.stringify(was) !== JSON.stringify(now);
    return { field, before: was, after: now, changed };
  });
  return [...rows.filter((r) => r.changed), ...rows.filter((r) => !r.changed)];
}
