import type { MessageKey, Translate } from '../../i18n';
import { runningZhCN } from '../../i18n/running.zh-CN';

function isRunningKey(key: string): key is MessageKey {
  return key in runningZhCN;
}

/** The label of an enum value under a catalogue prefix, or the raw value when the catalogue has none. */
export function enumLabel(t: Translate, prefix: string, value: string | null | undefined): string {
  if (!value) return t('common.none');
  const key = `${prefix}.${value}`;
  return isRunningKey(key) ? t(key) : value;
}
