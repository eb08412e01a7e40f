import { type MessageKey, useT } from '../../i18n';

/** A translated tab label (the tab list is built outside React's render of this feature). */
export function TabLabel({ id }: { id: MessageKey }) {
  const t = useT();
  return <span data-testid={`tab-${id}`}>{t(id)}</span>;
}
