import { describe, expect, it } from 'vitest';
import { samePagedFigure } from './dashboard.api';

describe('samePagedFigure', () => {
  const key = (figure: string, page: number, schoolId?: string) =>
    ['stats', 'records', 'org-1', 'term-1', figure, schoolId, page, 20] as const;

  it('keeps the shown page while another page of the same figure loads', () => {
    expect(samePagedFigure(key('projects.active', 2), key('projects.active', 1))).toBe(true);
  });

  it('never shows another figure, or another school of the figure, under the new title', () => {
    expect(samePagedFigure(key('coverage.inProjects', 1), key('projects.active', 1))).toBe(false);
    expect(samePagedFigure(key('coverage.teachers', 1, 'school-2'), key('coverage.teachers', 1, 'school-1'))).toBe(
      false,
    );
    expect(samePagedFigure(key('projects.active', 1), undefined)).toBe(false);
  });
});
