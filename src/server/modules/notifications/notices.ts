import { innerTitle } from '../../book-title.js';

/**
 * The titles of notifications, as message keys with their values. The title is stored as written here (zh-CN,
 * for the digest and any reader without the key) and the key with its values beside it, so the web shows the
 * title in the reader's language from the same values. Bodies written from a template (NOTICE_BODIES) carry their
 * key too; other bodies quote the records as written and stay as they are.
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

/** Bodies the server writes from a template (the values quote records as written: titles keep their 《》). */
export const NOTICE_BODIES = {
  report_due_soon: '课题{title}{month} 的月报请在 {due} 前提交。',
  report_overdue: '课题{title}{month} 的月报尚未提交（截止 {due}）。',
  competition_deadline: '作品{title}的报送截止日期为 {deadline}。',
  reviews_waiting: '有 {n} 个课题等待您评审。',
  project_returned_reason: '{title}；原因：{reason}',
} as const;

export type NoticeBodyKey = keyof typeof NOTICE_BODIES;

/** A title as a key and the values it names (all text); and the body's, when it was written from a template. */
export interface NoticeMessage {
  key: NoticeKey;
  params: Record<string, string>;
  body?: { key: NoticeBodyKey; params: Record<string, string> };
}

/** A template with its {values} filled in. */
const fill = (template: string, params: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '').trim();

/** The stored title and the message of a notice. */
export function notice(key: NoticeKey, params: Record<string, string> = {}): { title: string; message: NoticeMessage } {
  // A title goes inside the template's own 《》: its own marks become 〈〉 (see bookTitle).
  const values = params.title === undefined ? params : { ...params, title: innerTitle(params.title) };
  const title = fill(NOTICE_TITLES[key], values);
  return { title, message: { key, params: values } };
}

/** A notice whose body is written from a template too: the stored body (zh-CN) and its key beside the title's. */
export function noticeWithBody(
  key: NoticeKey,
  params: Record<string, string>,
  bodyKey: NoticeBodyKey,
  bodyParams: Record<string, string>,
): { title: string; message: NoticeMessage; body: string } {
  const { title, message } = notice(key, params);
  return {
    title,
    message: { ...message, body: { key: bodyKey, params: bodyParams } },
    body: fill(NOTICE_BODIES[bodyKey], bodyParams),
  };
}
