import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { followProgress } from './judge-progress.js';

describe('followProgress', () => {
  it('reads each whole line once, as the reporter appends them, and what is left when stopped', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ndli-progress-')), 'progress.jsonl');
    const seen: number[] = [];
    // A long interval: the test reads by hand, so no timer decides what it sees.
    const follower = followProgress(file, (line) => seen.push(line.done), 60_000);
    follower.read();
    writeFileSync(file, '{"done":0,"total":3,"failed":0}\n');
    follower.read();
    appendFileSync(file, '{"done":1,"total":3,"failed":1}\n{"done":2,');
    follower.read();
    expect(seen).toEqual([0, 1]);
    appendFileSync(file, '"total":3,"failed":1}\n');
    follower.stop();
    expect(seen).toEqual([0, 1, 2]);
  });
});
