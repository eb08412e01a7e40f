import { NOTICE_TITLES } from '../../server/modules/notifications/notices';

type NoticeCatalogue = { readonly [K in keyof typeof NOTICE_TITLES as `notice.${K}`]: (typeof NOTICE_TITLES)[K] };

/** Notification titles by message key: the very words the server writes into each title. */
export const noticesZhCN = Object.fromEntries(
  Object.entries(NOTICE_TITLES).map(([key, title]) => [`notice.${key}`, title]),
) as NoticeCatalogue;
