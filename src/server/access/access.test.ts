import { describe, expect, it } from 'vitest';
import { overWholeTree } from './access.js';

describe('overWholeTree', () => {
  const whole = new Set(['/city/']);

  it('reads a scope granted over a subtree holding every org as a scope over everything', () => {
    expect(overWholeTree({ selfId: 'p', all: false, prefixes: ['/city/'] }, whole)).toEqual({
      selfId: 'p',
      all: true,
      prefixes: [],
    });
  });

  it('keeps any other scope as it is', () => {
    const district = { selfId: 'p', all: false, prefixes: ['/city/d1/'] };
    expect(overWholeTree(district, whole)).toBe(district);
    expect(overWholeTree({ all: false, prefixes: ['/city/'] }, new Set())).toEqual({
      all: false,
      prefixes: ['/city/'],
    });
    const everything = { all: true, prefixes: [] };
    expect(overWholeTree(everything, whole)).toBe(everything);
  });
});
