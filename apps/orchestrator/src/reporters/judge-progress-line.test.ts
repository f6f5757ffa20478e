import { describe, expect, it } from 'vitest';
import { judgeProgressLine } from './judge-progress-line.js';

describe('judgeProgressLine', () => {
  it('shows tests done of total and failures so far, and says when failed tests are re-run', () => {
    expect(judgeProgressLine({ done: 72, total: 127, failed: 1, pass: 'run' })).toBe('running behavioral specs… 72/127 · 1 failed');
    expect(judgeProgressLine({ done: 1, total: 3, failed: 0, pass: 'rerun' })).toBe('re-running failed tests with traces… 1/3 · 0 failed');
  });
});
