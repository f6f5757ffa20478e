import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResumeStateError } from './errors.js';
import type { CallFileRecord } from './phase-context.js';
import { RUN_FILES, RunDirectory, createRunDirectoryName, writeFileAtomic } from './run-directory.js';
import { INIT_STATE, REFINE_1_STATE, REFINE_2_STATE, temporaryDirectory } from './test-fixtures/calculator-states.js';

describe('createRunDirectoryName', () => {
  it('formats run_YYYYMMDD_HHMMSS in UTC', () => {
    expect(createRunDirectoryName(new Date(Date.UTC(2026, 0, 31, 14, 30, 22)))).toBe('run_20260131_143022');
    expect(createRunDirectoryName(new Date(Date.UTC(2026, 10, 5, 3, 4, 5)))).toBe('run_20261105_030405');
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temporary file behind', async () => {
    const directory = await temporaryDirectory();
    const path = join(directory, 'state_init.json');
    await writeFileAtomic(path, 'old');
    await writeFileAtomic(path, 'new');
    expect(await readFile(path, 'utf8')).toBe('new');
    expect(await readdir(directory)).toEqual(['state_init.json']);
  });

  it('leaves the old file intact when the write fails', async () => {
    const directory = await temporaryDirectory();
    const path = join(directory, 'target');
    await mkdir(path);
    await expect(writeFileAtomic(path, 'x')).rejects.toThrow();
    expect(await readdir(directory)).toEqual(['target']);
  });
});

/** A call record as RunDirectory writes it; only its phase matters to these tests. */
function callRecord(phase: CallFileRecord['phase']): CallFileRecord {
  return {
    phase,
    iteration: 1,
    attempt: 1,
    startedAt: '',
    schemaName: 'reasoning_state',
    request: { system: 's', prompt: 'p', temperature: 0.2, maxTokens: 10, seed: undefined, jsonSchema: {} },
    rawText: '{}',
    parsed: undefined,
    error: undefined,
    usage: undefined,
    timings: undefined,
    finishReason: undefined,
    modelId: 'm',
    reasoning: undefined,
    serverAttempts: [],
    mends: [],
  };
}

describe('RunDirectory', () => {
  it('numbers call files and continues after existing ones', async () => {
    const path = await temporaryDirectory();
    await mkdir(join(path, 'calls'));
    await writeFile(join(path, 'calls', '007-refine.json'), '{}');
    const directory = await RunDirectory.open(path);
    expect(await directory.writeCall(callRecord('refine'))).toBe('calls/008-refine.json');
    expect(await directory.writeCall(callRecord('generate'))).toBe('calls/009-generate.json');
  });

  it('stamps states and calls in the order they were written, though the file clock is coarser than the writes', async () => {
    const path = await temporaryDirectory();
    const directory = await RunDirectory.open(path);
    // Back to back, as a fast model answers: many pairs land in one tick of the file system's clock.
    const files: string[] = [];
    for (let round = 1; round <= 25; round += 1) {
      await directory.writeState(RUN_FILES.stateRefine(round), REFINE_1_STATE);
      files.push(RUN_FILES.stateRefine(round), await directory.writeCall(callRecord('generate')));
    }
    const times = await Promise.all(files.map(async (file) => (await stat(join(path, file))).mtimeMs));
    for (let index = 1; index < times.length; index += 1) expect(times[index], files[index]).toBeGreaterThan(times[index - 1] ?? 0);
    // A resumed process goes on after what is on disk.
    const reopened = await RunDirectory.open(path);
    await reopened.writeState(RUN_FILES.stateFinal, REFINE_2_STATE);
    expect((await stat(join(path, RUN_FILES.stateFinal))).mtimeMs).toBeGreaterThan(times.at(-1) ?? 0);
  });

  it('finds nothing to resume in an empty directory', async () => {
    const directory = await RunDirectory.open(await temporaryDirectory());
    expect(await directory.findResumePoint('calculator.html')).toEqual({ kind: 'none' });
  });

  it('resumes from the last refine state and lists each saved round\'s open tasks resolved', async () => {
    const directory = await RunDirectory.open(await temporaryDirectory());
    await directory.writeState(RUN_FILES.stateInit, INIT_STATE);
    await directory.writeState(RUN_FILES.stateRefine(1), REFINE_1_STATE);
    await directory.writeState(RUN_FILES.stateRefine(2), REFINE_1_STATE);
    await directory.writeState(RUN_FILES.stateRefine(10), REFINE_1_STATE);
    expect(await directory.findResumePoint('calculator.html')).toEqual({
      kind: 'state',
      file: 'state_refine_10.json',
      state: REFINE_1_STATE,
      final: false,
      refinements: 10,
      rounds: [
        { openBefore: 4, resolved: 3 },
        { openBefore: 1, resolved: 0 },
        { openBefore: 1, resolved: 0 },
      ],
    });
  });

  it('resumes GENERATE from state_final, and nothing when the artifact exists', async () => {
    const directory = await RunDirectory.open(await temporaryDirectory());
    await directory.writeState(RUN_FILES.stateInit, INIT_STATE);
    await directory.writeState(RUN_FILES.stateRefine(1), REFINE_2_STATE);
    await directory.writeState(RUN_FILES.stateFinal, REFINE_2_STATE);
    expect(await directory.findResumePoint('calculator.html')).toMatchObject({ kind: 'state', file: 'state_final.json', final: true, refinements: 1 });
    await directory.writeArtifact('calculator.html', '<html></html>');
    expect(await directory.findResumePoint('calculator.html')).toEqual({ kind: 'complete', html: '<html></html>', finalState: REFINE_2_STATE, refinements: 1 });
  });

  it('refuses to resume from a corrupt state', async () => {
    const path = await temporaryDirectory();
    await writeFile(join(path, 'state_init.json'), '{"solved_tasks": [');
    const directory = await RunDirectory.open(path);
    await expect(directory.findResumePoint('calculator.html')).rejects.toThrow(ResumeStateError);
  });
});
