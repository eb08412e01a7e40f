import { NOTICE_BODIES, NOTICE_TITLES } from '../../server/modules/notifications/notices';

type NoticeCatalogue = { readonly [K in keyof typeof NOTICE_TITLES as `notice.${K}`]: (typeof NOTICE_TITLES)[K] } & {
  readonly [K in keyof typeof NOTICE_BODIES as `noticeBody.${K}`]: (typeof NOTICE_BODIES)[K];
};

/** Notification titles and templated bodies by message key: the very words the server writes into them. */
export const noticesZhCN = Object.fromEntries([
  ...Object.entries(NOTICE_TITLES).map(([key, title]) => [`notice.${key}`, title]),
  ...Object.entries(NOTICE_BODIES).map(([key, body]) => [`noticeBody.${key}`, body]),
]) as NoticeCatalogue;
