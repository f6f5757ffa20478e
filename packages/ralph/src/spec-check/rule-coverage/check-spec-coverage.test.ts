import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../spec-folder/spec-folder.js';
import { checkSpecCoverage } from './check-spec-coverage.js';

const counter = fileURLToPath(new URL('../../test-fixtures/specs/counter', import.meta.url));
const TITLES = ['display › the count starts at 0', 'increment › one click on #increment shows 1', 'increment › three clicks on #increment show 3', 'reset › #reset after two clicks shows 0', 'persistence › the count survives a reload'];

function copyOfCounter(): string {
  const directory = mkdtempSync(join(tmpdir(), 'ralph-coverage-'));
  cpSync(counter, directory, { recursive: true });
  return directory;
}

describe('checkSpecCoverage', () => {
  it('holds for the counter fixture, whose coverage.json quotes each rule', async () => {
    const result = await checkSpecCoverage(loadSpec(counter), { titles: TITLES, directory: tmpdir(), executablePath: '/nonexistent' });
    expect(result).toMatchObject({ ok: true, problems: [], summary: { entries: 4, tested: 4, untestable: 0 } });
  });

  it('counts a test listed twice by a run (re-run after a failure) as one test', async () => {
    const result = await checkSpecCoverage(loadSpec(counter), { titles: [...TITLES, TITLES[0] ?? ''], directory: tmpdir(), executablePath: '/nonexistent' });
    expect(result.problems).toEqual([]);
  });

  it('fails a spec without coverage.json, naming the file to write', async () => {
    const directory = copyOfCounter();
    rmSync(join(directory, 'coverage.json'));
    const result = await checkSpecCoverage(loadSpec(directory), { titles: TITLES, directory, executablePath: '/nonexistent' });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([expect.stringContaining(`no coverage.json: write ${join(directory, 'coverage.json')}`)]);
  });

  it('fails a coverage.json that is not JSON or not of the expected shape', async () => {
    const directory = copyOfCounter();
    writeFileSync(join(directory, 'coverage.json'), '{ "entries": [');
    expect((await checkSpecCoverage(loadSpec(directory), { titles: TITLES, directory, executablePath: '/nonexistent' })).problems).toEqual([expect.stringContaining('coverage.json is not JSON')]);
    writeFileSync(join(directory, 'coverage.json'), JSON.stringify({ entries: [{ section: 'Rule 1', quote: '…' }] }));
    expect((await checkSpecCoverage(loadSpec(directory), { titles: TITLES, directory, executablePath: '/nonexistent' })).problems).toEqual([expect.stringContaining('entries.0.quote: a quote holds at least one letter or digit')]);
  });
});
