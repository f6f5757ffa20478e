import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiagnosticsRecorder, MAX_ENTRIES_PER_LIST } from './app-fixture/diagnostics-recorder.js';

describe('DiagnosticsRecorder', () => {
  const file = (): string => join(mkdtempSync(join(tmpdir(), 'ndli-diagnostics-')), 'diagnostics', 'test.json');

  it('keeps the first entries of a flood and counts the rest', () => {
    const recorder = new DiagnosticsRecorder(file());
    for (let index = 0; index < 5_000; index += 1) recorder.note('consoleErrors', `tick ${index}`);
    recorder.omit('consoleErrors', 40_000);
    const saved = recorder.snapshot().consoleErrors;
    expect(saved).toHaveLength(MAX_ENTRIES_PER_LIST + 1);
    expect(saved[0]).toBe('tick 0');
    expect(saved.at(-1)).toBe(`… and ${5_000 - MAX_ENTRIES_PER_LIST + 40_000} more console messages (not recorded)`);
  });

  it('writes the file when created and on flush, not once per message', () => {
    const recorder = new DiagnosticsRecorder(file());
    expect(JSON.parse(readFileSync(recorder.file, 'utf8'))).toMatchObject({ actions: [] });
    recorder.note('actions', 'click #increment');
    // Batched: not written yet.
    expect(JSON.parse(readFileSync(recorder.file, 'utf8')).actions).toEqual([]);
    recorder.flush();
    expect(JSON.parse(readFileSync(recorder.file, 'utf8')).actions).toEqual(['click #increment']);
  });
});
