import { describe, expect, it } from 'vitest';
import { workerThreads } from './workers.js';

describe('workerThreads', () => {
  it('divides the CPUs among the workers, at least one thread each', () => {
    expect(workerThreads(2, 2)).toBe(1);
    expect(workerThreads(8, 2)).toBe(4);
    expect(workerThreads(8, 3)).toBe(2);
    expect(workerThreads(2, 4)).toBe(1);
  });
});
