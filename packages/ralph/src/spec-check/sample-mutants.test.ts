import { describe, expect, it } from 'vitest';
import { sampleReproducibly } from './sample-mutants.js';

const items = Array.from({ length: 50 }, (_, index) => `m${index}`);

describe('sampleReproducibly', () => {
  it('gives the same sample for the same seed, in the original order', () => {
    const first = sampleReproducibly(items, 10, 7);
    expect(sampleReproducibly(items, 10, 7)).toEqual(first);
    expect(first).toHaveLength(10);
    expect(new Set(first).size).toBe(10);
    expect([...first].sort((a, b) => items.indexOf(a) - items.indexOf(b))).toEqual(first);
  });

  it('gives another sample for another seed', () => {
    expect(sampleReproducibly(items, 10, 8)).not.toEqual(sampleReproducibly(items, 10, 7));
  });

  it('returns everything when asked for at least as many as there are', () => {
    expect(sampleReproducibly(items, 80, 1)).toEqual(items);
    expect(sampleReproducibly(items, 0, 1)).toEqual([]);
  });
});
