import { describe, expect, it } from 'vitest';
import { charCount, EIGHT_ONES, type EightOneFacts, evaluateEightOnes, schoolYearRange } from './eight-ones.js';

const empty = (): EightOneFacts => ({ records: [], projects: [], researchLessons: [], paperOutputs: [], works: [] });
let n = 0;
const rec = (kind: string, date: string, extra: Partial<EightOneFacts['records'][number]> = {}) => ({
  id: `r${++n}`,
  kind,
  date,
  title: `${kind} ${date}`,
  text: '',
  bookKind: null,
  ...extra,
});
const item = (facts: EightOneFacts, key: string, year = 2026) => {
  const found = evaluateEightOnes(facts, year).find((i) => i.key === key);
  if (!found) throw new Error(`no item ${key}`);
  return found;
};

describe('八个一 evaluation', () => {
  it('lists the eight items in the school order with their Chinese labels', () => {
    const items = evaluateEightOnes(empty(), 2026);
    expect(items.map((i) => [i.key, i.label])).toEqual([
      ['project', '参与一个课题'],
      ['book', '阅读一本好书'],
      ['notes', '做好一套笔记'],
      ['handbook', '做好一册记录'],
      ['lesson_plan', '设计一例教案'],
      ['lesson_example', '提供一堂课例'],
      ['paper', '撰写一篇论文'],
      ['platform', '拥有一个平台'],
    ]);
    expect(items.every((i) => !i.met && i.records.length === 0)).toBe(true);
    expect(EIGHT_ONES.every((r) => r.rule.length > 0)).toBe(true);
  });

  it('counts a record of 31 July in the old school year and one of 1 August in the new', () => {
    const f = empty();
    const july = rec('lesson_plan', '2027-07-31');
    const august = rec('lesson_plan', '2027-08-01');
    f.records.push(july, august);
    expect(item(f, 'lesson_plan', 2026)).toMatchObject({ met: true, records: [july.id] });
    expect(item(f, 'lesson_plan', 2027)).toMatchObject({ met: true, records: [august.id] });
    expect(item(f, 'lesson_plan', 2025).met).toBe(false);
    expect(schoolYearRange(2026)).toEqual({ from: '2026-08-01', to: '2027-07-31' });
  });

  it('takes only 必读 books once any reading is marked, any reading otherwise', () => {
    const f = empty();
    const plain = rec('reading', '2026-10-01');
    f.records.push(plain);
    expect(item(f, 'book')).toMatchObject({ met: true, records: [plain.id] });
    const optional = rec('reading', '2026-11-01', { bookKind: 'optional' });
    f.records.push(optional);
    expect(item(f, 'book')).toMatchObject({ met: false, records: [] });
    const required = rec('reading', '2026-12-01', { bookKind: 'required' });
    f.records.push(required);
    expect(item(f, 'book')).toMatchObject({ met: true, records: [required.id] });
  });

  it('needs reading notes of at least 200 characters, whitespace not counted', () => {
    const f = empty();
    f.records.push(rec('reading', '2026-10-01', { text: `${'读'.repeat(199)}    \n` }));
    expect(item(f, 'notes').met).toBe(false);
    const long = rec('reading', '2026-10-02', { text: '书'.repeat(200) });
    f.records.push(long);
    expect(item(f, 'notes')).toMatchObject({ met: true, records: [long.id] });
    expect(charCount(' a b\tc ')).toBe(3);
  });

  it('fills the handbook with four records of any kind in the year', () => {
    const f = empty();
    f.records.push(rec('essay', '2026-09-01'), rec('training', '2026-09-02'), rec('platform', '2026-09-03'));
    f.records.push(rec('reading', '2026-07-31'));
    expect(item(f, 'handbook')).toMatchObject({ met: false });
    expect(item(f, 'handbook').records).toHaveLength(3);
    f.records.push(rec('study', '2027-07-31'));
    expect(item(f, 'handbook')).toMatchObject({ met: true });
    expect(item(f, 'handbook').records).toHaveLength(4);
  });

  it('counts a research lesson given in the year as a lesson example', () => {
    const f = empty();
    f.researchLessons.push({ id: 'l1', title: '研究课', heldOn: '2026-11-11' });
    f.researchLessons.push({ id: 'l2', title: '计划中的研究课', heldOn: null });
    expect(item(f, 'lesson_example')).toMatchObject({ met: true, records: ['l1'] });
    expect(item(f, 'lesson_example').evidence[0].source).toBe('research_lesson');
  });

  it('takes a paper of 1500 characters or a project output the person wrote', () => {
    const f = empty();
    f.records.push(rec('essay', '2026-10-01', { text: '文'.repeat(1499) }));
    f.records.push(rec('reflection', '2026-10-01', { text: '思'.repeat(2000) }));
    expect(item(f, 'paper').met).toBe(false);
    const narrative = rec('narrative', '2026-10-02', { text: '叙'.repeat(1500) });
    f.records.push(narrative);
    expect(item(f, 'paper')).toMatchObject({ met: true, records: [narrative.id] });
    const g = empty();
    g.paperOutputs.push({ id: 'o1', title: '论文', date: '2027-03-01' });
    expect(item(g, 'paper')).toMatchObject({ met: true, records: ['o1'] });
    expect(item(g, 'paper', 2027).met).toBe(false);
  });

  it('counts the works registered in 论文与获奖 in the teacher’s name, of the item’s kinds and year', () => {
    const f = empty();
    const work = (id: string, kind: string, date: string, chars: number | null = null) =>
      f.works.push({ id, kind, title: id, date, chars });
    work('short-paper', 'paper', '2026-10-01', 1200);
    work('old-paper', 'paper', '2025-10-01', 3000);
    work('courseware', 'courseware', '2026-10-01');
    expect(item(f, 'paper').met).toBe(false);
    expect(item(f, 'lesson_plan').met).toBe(false);
    work('paper', 'paper', '2026-10-02', 4300);
    work('unsized-paper', 'paper', '2026-10-03');
    work('design', 'design', '2026-11-01');
    work('lesson', 'lesson_example', '2027-03-01');
    expect(item(f, 'paper')).toMatchObject({ met: true, records: ['paper', 'unsized-paper'] });
    expect(item(f, 'paper').evidence[0]).toMatchObject({ source: 'work', id: 'paper' });
    expect(item(f, 'lesson_plan')).toMatchObject({ met: true, records: ['design'] });
    expect(item(f, 'lesson_example')).toMatchObject({ met: true, records: ['lesson'] });
    expect(item(f, 'notes').met).toBe(false);
  });

  it('counts a project running during the year, whatever its other years', () => {
    const f = empty();
    f.projects.push({ id: 'p1', title: '已结题', startsOn: '2023-09-01', endsOn: '2026-06-30' });
    expect(item(f, 'project').met).toBe(false);
    f.projects.push({ id: 'p2', title: '在研', startsOn: '2025-09-01', endsOn: '2026-08-01' });
    f.projects.push({ id: 'p3', title: '日期未填', startsOn: null, endsOn: null });
    expect(item(f, 'project')).toMatchObject({ met: true, records: ['p2', 'p3'] });
  });

  it('needs a platform record for 拥有一个平台', () => {
    const f = empty();
    f.records.push(rec('platform', '2026-09-01'));
    expect(item(f, 'platform').met).toBe(true);
  });
});
