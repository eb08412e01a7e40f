import { describe, expect, it } from 'vitest';
import type { Translate } from '../../i18n';
import { noticesEn } from '../../i18n/notices.en';
import { noticeBody } from './notifications.api';

const en = ((key: string, vars: Record<string, string> = {}) =>
  ((noticesEn as Record<string, string>)[key] ?? key).replace(
    /\{(\w+)\}/g,
    (_, k: string) => vars[k] ?? '',
  )) as Translate;

describe('noticeBody', () => {
  it('writes a templated body in the reader’s language from its key and values', () => {
    const n = {
      body: '课题《整本书阅读》2026-11 的月报尚未提交（截止 2026-12-05）。',
      message: {
        key: 'report_overdue',
        params: { month: '2026-11' },
        body: { key: 'report_overdue', params: { title: '《整本书阅读》', month: '2026-11', due: '2026-12-05' } },
      },
    };
    expect(noticeBody(en, n)).toBe(
      'The 2026-11 monthly report of project 《整本书阅读》 has not been submitted (due 2026-12-05).',
    );
  });

  it('shows a body as written when it has no template this client knows', () => {
    expect(noticeBody(en, { body: '自由文字', message: null })).toBe('自由文字');
    const unknown = { key: 'x', params: {}, body: { key: 'from_a_newer_server', params: {} } };
    expect(noticeBody(en, { body: '原文', message: unknown })).toBe('原文');
  });
});
