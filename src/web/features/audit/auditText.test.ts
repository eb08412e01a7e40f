import { describe, expect, it } from 'vitest';
import type { Translate } from '../../i18n';
import { auditZhCN } from '../../i18n/audit.zh-CN';
import { actionLabel, entityLabel, entityLink, fieldChanges, valueText } from './auditText';

const t = ((key: string) => (auditZhCN as Record<string, string>)[key] ?? key) as Translate;

describe('the audit log in words', () => {
  it('names records and steps, and keeps a code it has no name for', () => {
    expect(entityLabel(t, 'observation')).toBe('听课记录');
    expect(entityLabel(t, 'prereview_assignment')).toBe('校内初审分配');
    expect(entityLabel(t, 'something_new')).toBe('something_new');
    expect(actionLabel(t, 'student_award.create')).toBe('新建');
    expect(actionLabel(t, 'project.report.return')).toBe('退回');
    expect(actionLabel(t, 'logout.everywhere')).toBe('全部退出登录');
    expect(actionLabel(t, 'project.teleport')).toBe('project.teleport');
  });

  it('links the kinds of record that have a page', () => {
    expect(entityLink('project', 'p1')).toBe('/projects/p1');
    expect(entityLink('growth_record', 'g1')).toBe('/growth/g1');
    expect(entityLink('session', 's1')).toBeNull();
    expect(entityLink('project', null)).toBeNull();
  });

  it('puts changed fields first and shows values as a reader reads them', () => {
    const rows = fieldChanges(
      { title: '旧题目', stage: 'draft', version: 1 },
      { title: '新题目', stage: 'draft', version: 2 },
    );
    expect(rows.map((r) => [r.field, r.changed])).toEqual([
      ['title', true],
      ['version', true],
      ['stage', false],
    ]);
    expect(fieldChanges(undefined, { title: '新建' })).toEqual([
      { field: 'title', before: undefined, after: '新建', changed: true },
    ]);
    expect(fieldChanges(undefined, undefined)).toEqual([]);
    expect(valueText('2026-12-04T22:14:27.287Z', () => 'local')).toBe('local');
    expect(valueText('2026-12-04', () => 'local')).toBe('2026-12-04');
    expect(valueText(null, () => '')).toBe('—');
    expect(valueText(['a', 1], () => '')).toBe('["a",1]');
    expect(valueText(['滕雨桐', '柏云舟'], () => '')).toBe('滕雨桐、柏云舟');
  });
});
