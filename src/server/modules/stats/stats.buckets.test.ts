import { describe, expect, it } from 'vitest';
import { Buckets, collect, figuresOf, type StatsData } from './stats.compute.js';
import type { StatsRecord } from './stats.schema.js';

const rec = (id: string, schoolId: string | null): StatsRecord => ({
  type: 'activity',
  id,
  title: id,
  person: null,
  schoolId,
  school: schoolId,
  date: null,
  detail: null,
  link: null,
});

function fill(b: Buckets) {
  b.ensure('activities.count');
  b.ensure('growth.count');
  b.add('activities.count', rec('a1', 's1'));
  b.add('activities.count', rec('a2', 's2'));
  b.add('activities.count', rec('a3', 's1'));
  b.add('activities.byKind.open_lesson', rec('a3', 's1'));
  return b;
}

describe('figure buckets', () => {
  it('counts the same, in total and per school, whether records are kept or only counted', () => {
    const kept = fill(new Buckets());
    const counted = fill(new Buckets(() => false));
    for (const key of ['activities.count', 'activities.byKind.open_lesson', 'growth.count', 'unknown']) {
      for (const school of [undefined, 's1', 's2', 's3']) {
        expect(counted.n(key, school), `${key} ${school}`).toBe(kept.list(key, school).length);
        expect(kept.n(key, school), `${key} ${school}`).toBe(kept.list(key, school).length);
      }
    }
    expect(counted.n('activities.count')).toBe(3);
    expect(counted.n('activities.count', 's1')).toBe(2);
    expect(counted.has('growth.count')).toBe(true);
    expect(counted.has('unknown')).toBe(false);
  });

  it('keeps the records only of the figures asked for', () => {
    const one = fill(new Buckets((key) => key === 'activities.count'));
    expect(one.list('activities.count', 's1').map((r) => r.id)).toEqual(['a1', 'a3']);
    expect(one.n('activities.byKind.open_lesson')).toBe(1);
    expect(() => one.list('activities.byKind.open_lesson')).toThrow(/counted, not kept/);
  });
});

describe('figures computation', () => {
  it('lets other work run while it computes, section by section (a city took seconds in one piece)', async () => {
    const term = { id: 't1', name: '2026秋', starts_on: '2026-09-01', ends_on: '2027-01-31' };
    const none = [] as never[];
    const data: StatsData = {
      org: { id: 'c', name: '市', kind: 'city', path: '/c/' },
      term,
      trendTerms: [term],
      today: '2026-11-23',
      ...Object.fromEntries(
        [
          'schools',
          'teachers',
          'projects',
          'transitions',
          'members',
          'monthlyReports',
          'activities',
          'observations',
          'growth',
          'mentorships',
          'mentorshipAssessments',
          'works',
          'firstAuthors',
          'entries',
          'publications',
          'studentAwards',
          'compliance',
        ].map((k) => [k, none]),
      ),
    } as StatsData;
    let turns = 0;
    let done = false;
    const spin = () => {
      if (done) return;
      turns++;
      setImmediate(spin);
    };
    setImmediate(spin);
    const figures = await figuresOf(data, await collect(data, () => false));
    done = true;
    expect(figures.projects.total).toBe(0);
    // Every section gives the event loop a turn: far more than the one a single await would.
    expect(turns).toBeGreaterThanOrEqual(10);
  });
});
