import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { NOTICE_BODIES, NOTICE_KEYS } from '../../../server/modules/notifications/notices';
import { api } from '../../api/client';
import type { MessageKey, MessageVars, Translate } from '../../i18n';

/** One in-app notification of the caller. */
export interface AppNotification {
  id: string;
  kind: string;
  /** As written (zh-CN). */
  title: string;
  /** What the title says as a message key and its values (null on older notifications). */
  message: {
    key: string;
    params: Record<string, string>;
    /** The body's key and values when the server wrote it from a template. */
    body?: { key: string; params: Record<string, string> };
  } | null;
  body: string;
  /** A path inside the app, or null. */
  link: string | null;
  orgId: string | null;
  readAt: string | null;
  createdAt: string;
}

export interface NotificationPage {
  items: AppNotification[];
  total: number;
  page: number;
  pageSize: number;
  unread: number;
}

export interface NotificationSettings {
  digest: boolean;
  digestHour: number;
  version: number;
}

/** The kinds the UI names; others show as a plain notice. */
export const notificationKinds = [
  'review_assigned',
  'project_returned',
  'report_returned',
  'due_soon',
  'overdue',
  'result',
  'digest',
] as const;
export type NotificationKind = (typeof notificationKinds)[number] | 'other';
export const kindOf = (kind: string): NotificationKind => notificationKinds.find((k) => k === kind) ?? 'other';

const knownNotices = new Set<string>(NOTICE_KEYS);
const knownBodies = new Set<string>(Object.keys(NOTICE_BODIES));

/** A notification's body in the reader's language when it was written from a template; else as written. */
export function noticeBody(t: Translate, n: Pick<AppNotification, 'body' | 'message'>): string {
  const b = n.message?.body;
  if (!b || !knownBodies.has(b.key)) return n.body;
  return t(`noticeBody.${b.key}` as MessageKey, { ...b.params });
}

/** A notification's title in the reader's language, from its message; as written when it has none this client knows. */
export function noticeTitle(t: Translate, n: Pick<AppNotification, 'title' | 'message'>): string {
  const m = n.message;
  if (!m || !knownNotices.has(m.key)) return n.title;
  const vars: MessageVars = { ...m.params };
  if (m.params.result) {
    const key = `awardResult.${m.params.result}`;
    const label = t(key as MessageKey);
    if (label !== key) vars.resultLabel = label;
  }
  return t(`notice.${m.key}` as MessageKey, vars);
}

const KEY = ['notifications'];
/** How often the bell asks for new notifications. */
const POLL_MS = 60_000;

export function useNotifications(unread: boolean, page: number, pageSize = 20) {
  return useQuery({
    queryKey: [...KEY, 'list', unread, page, pageSize],
    queryFn: () => api.get<NotificationPage>('/api/notifications', { unread: unread || undefined, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

/** The latest few and the unread count, for the header bell (polled). */
export function useBell() {
  return useQuery({
    queryKey: [...KEY, 'bell'],
    queryFn: () => api.get<NotificationPage>('/api/notifications', { pageSize: 6 }),
    refetchInterval: POLL_MS,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<AppNotification>(`/api/notifications/${id}/read`),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: true; count: number }>('/api/notifications/read-all'),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useNotificationSettings() {
  return useQuery({
    queryKey: [...KEY, 'settings'],
    queryFn: () => api.get<NotificationSettings>('/api/notifications/settings'),
  });
}

export function useSaveNotificationSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NotificationSettings) => api.put<NotificationSettings>('/api/notifications/settings', body),
    onSuccess: (saved) => qc.setQueryData([...KEY, 'settings'], saved),
  });
}

export function useDigestPreview(enabled: boolean) {
  return useQuery({
    queryKey: [...KEY, 'digest'],
    queryFn: () => api.get<{ text: string | null }>('/api/notifications/digest'),
    enabled,
  });
}
