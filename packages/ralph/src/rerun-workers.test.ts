import { describe, expect, it } from 'vitest';
import { rerunWorkers } from './rerun-workers.js';

describe('rerunWorkers', () => {
  it('takes twice the cores for a re-run of many failures (they mostly wait out expect timeouts)', () => {
    expect(rerunWorkers(12, 2, 2)).toBe(4);
    expect(rerunWorkers(12, 2, 4)).toBe(8);
  });

  it('never takes more workers than tests, nor fewer than the first pass or one', () => {
    expect(rerunWorkers(3, 2, 2)).toBe(3);
    expect(rerunWorkers(1, 2, 8)).toBe(1);
    expect(rerunWorkers(12, 6, 2)).toBe(6);
    expect(rerunWorkers(0, 2, 2)).toBe(1);
  });
});
