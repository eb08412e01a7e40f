import { innerTitle } from '../../book-title.js';

/**
 * The titles of notifications, as message keys with their values. The title is stored as written here (zh-CN,
 * for the digest and any reader without the key) and the key with its values beside it, so the web shows the
 * title in the reader's language from the same values. Bodies quote the records as written and stay as they are.
 */
export const NOTICE_TITLES = {
  project_returned: '课题申报被退回',
  project_approved: '课题已立项',
  project_rejected: '课题未获立项',
  project_concluded: '课题已结题',
  project_failed: '课题结题未通过',
  report_returned: '{month} 月报被退回',
  report_due_soon: '{month} 月报即将到期',
  report_overdue: '{month} 月报已逾期',
  plan_item_assigned: '工作安排：{title}',
  review_assigned: '新的评审任务：{round}',
  prereview_assigned: '请初审《{title}》（{competition}）',
  prereview_recommended: '《{title}》校内初审：推荐报送',
  prereview_not_recommended: '《{title}》校内初审：暂不推荐',
  entry_result: '《{title}》获{competition}{resultLabel}',
  competition_due_soon: '评比「{name}」即将截止',
  competition_overdue: '评比「{name}」已过截止日期',
  compliance_reminder: '{term}考核要求提醒',
  digest: '每日摘要 {day}',
} as const;

export type NoticeKey = keyof typeof NOTICE_TITLES;
export const NOTICE_KEYS = Object.keys(NOTICE_TITLES) as NoticeKey[];

/** A title as a key and the values it names (all text). */
export interface NoticeMessage {
  key: NoticeKey;
  params: Record<string, string>;
}

/** The stored title and the message of a notice. */
export function notice(key: NoticeKey, params: Record<string, string> = {}): { title: string; message: NoticeMessage } {
  // A title goes inside the template's own 《》: its own marks become 〈〉 (see bookTitle).
  const values = params.title === undefined ? params : { ...params, title: innerTitle(params.title) };
  const title = NOTICE_TITLES[key].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '').trim();
  return { title, message: { key, params: values } };
}
