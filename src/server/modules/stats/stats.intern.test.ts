import { describe, expect, it } from 'vitest';
import { Interner } from './stats.intern.js';

/** Two strings with the same text made apart (as a driver makes one per row). */
const made = (s: string) => [...s].join('');

describe('Interner', () => {
  // Which copy a field holds cannot be seen from JavaScript (strings compare by value); the memory it saves is
  // measured in bench/README.md. Here: nothing a row says changes.
  it('keeps every value of every row, ids and long texts included', async () => {
    const intern = new Interner();
    const a = { id: made('p1'), org_id: made('school-1'), date: made('2026-03-01'), title: made('长'.repeat(41)) };
    const b = { id: made('p2'), org_id: made('school-1'), date: made('2026-03-01'), title: made('长'.repeat(41)) };
    const rows = await intern.rows([a, b]);
    expect(rows).toEqual([
      { id: 'p1', org_id: 'school-1', date: '2026-03-01', title: '长'.repeat(41) },
      { id: 'p2', org_id: 'school-1', date: '2026-03-01', title: '长'.repeat(41) },
    ]);
    expect(rows).toHaveLength(2);
  });

  it('rests between slices of a long list', async () => {
    let rests = 0;
    const rows = Array.from({ length: 12_000 }, (_, i) => ({ id: String(i), kind: made('essay') }));
    await new Interner().rows(rows, async () => {
      rests++;
    });
    expect(rests).toBe(2);
    expect(new Set(rows.map((r) => r.kind)).size).toBe(1);
  });
});
