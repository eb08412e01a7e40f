import { describe, expect, it } from 'vitest';
import { stageEvents } from './stats.compute.js';
import { ProjectTimeline } from './stats.timeline.js';

const created = '2026-11-30T02:00:00.000Z';

describe('project timeline (stage over time)', () => {
  it('follows the transitions', () => {
    const t = new ProjectTimeline({ stage: 'in_progress', starts_on: null, ends_on: null, created_at: created }, [
      { date: '2026-03-01', from: 'in_review', to: 'approved' },
      { date: '2026-04-01', from: 'approved', to: 'in_progress' },
    ]);
    expect(t.stageAt('2026-02-28')).toBeNull();
    expect(t.stageAt('2026-03-01')).toBe('approved');
    expect(t.stageAt('2026-04-15')).toBe('in_progress');
    expect(t.activeDuring('2026-01-01', '2026-02-28')).toBe(false);
    expect(t.activeDuring('2026-02-01', '2026-03-01')).toBe(true);
    expect(t.entered('approved', '2026-02-01', '2026-07-31')).toBe(true);
  });

  it('a project entered after it started ran from its start date', () => {
    const t = new ProjectTimeline(
      { stage: 'in_progress', starts_on: '2026-03-01', ends_on: null, created_at: created },
      [
        { date: '2026-11-30', from: 'in_review', to: 'approved' },
        { date: '2026-11-30', from: 'approved', to: 'in_progress' },
      ],
    );
    expect(t.stageAt('2026-02-28')).toBeNull();
    expect(t.stageAt('2026-05-31')).toBe('approved');
    expect(t.stageAt('2026-11-30')).toBe('in_progress');
    expect(t.activeDuring('2026-02-01', '2026-07-31')).toBe(true);
  });

  it('a finished project without transitions was active between its dates', () => {
    const t = new ProjectTimeline(
      { stage: 'concluded', starts_on: '2024-09-01', ends_on: '2026-06-30', created_at: created },
      [],
    );
    expect(t.activeDuring('2025-09-01', '2026-01-31')).toBe(true);
    expect(t.stageAt('2026-07-31')).toBe('concluded');
    expect(t.activeDuring('2026-09-01', '2027-01-31')).toBe(false);
    expect(t.entered('concluded', '2026-02-01', '2026-07-31')).toBe(true);
  });

  it('a running project without transitions is active from its start', () => {
    const t = new ProjectTimeline(
      { stage: 'in_progress', starts_on: '2025-09-01', ends_on: null, created_at: created },
      [],
    );
    expect(t.activeDuring('2025-09-01', '2026-01-31')).toBe(true);
    expect(t.activeDuring('2025-02-01', '2025-07-31')).toBe(false);
  });

  it("reads a project's stage changes from their text, in order, on China's calendar", () => {
    expect(stageEvents(null)).toEqual([]);
    expect(
      stageEvents('2026-02-28T17:00:00.000Z|in_review|approved,2026-04-01T02:00:00.000Z|approved|in_progress'),
    ).toEqual([
      { date: '2026-03-01', from: 'in_review', to: 'approved' },
      { date: '2026-04-01', from: 'approved', to: 'in_progress' },
    ]);
  });
});
