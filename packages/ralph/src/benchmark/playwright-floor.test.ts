import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readReplayedTests } from './playwright-floor.js';

describe('readReplayedTests (the bench floor replays what a verdict did)', () => {
  const made: string[] = [];
  afterEach(() => {
    for (const directory of made.splice(0)) rmSync(directory, { recursive: true, force: true });
  });

  function evidence(files: Record<string, unknown>): string {
    const directory = mkdtempSync(join(tmpdir(), 'ndli-floor-test-'));
    made.push(directory);
    mkdirSync(join(directory, 'diagnostics'));
    for (const [name, content] of Object.entries(files)) writeFileSync(join(directory, 'diagnostics', name), typeof content === 'string' ? content : JSON.stringify(content));
    return directory;
  }

  it('reads one test per diagnostics file: its clicks and key presses in order, other actions counted apart', () => {
    const directory = evidence({
      'a.json': { actions: ['click 1 + 2 =', 'keyboard Escape'], consoleErrors: [] },
      'b.json': { actions: ['click C', 'reload the page', 'click sqrt'] },
      'c.json': { actions: [] },
      'notes.txt': 'not a test',
    });
    const { tests, skipped } = readReplayedTests(directory);
    expect(tests).toHaveLength(3);
    expect(tests).toContainEqual({ clicks: ['1', '+', '2', '='], keys: ['Escape'] });
    expect(tests).toContainEqual({ clicks: ['C', 'sqrt'], keys: [] });
    expect(tests).toContainEqual({ clicks: [], keys: [] });
    expect(skipped).toBe(1);
  });

  it('fails on evidence without a diagnostics folder rather than measuring nothing', () => {
    const directory = mkdtempSync(join(tmpdir(), 'ndli-floor-test-'));
    made.push(directory);
    expect(() => readReplayedTests(directory)).toThrow(/ENOENT/);
  });
});
