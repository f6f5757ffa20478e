import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packRunDirectory, unpackRunDirectory } from './run-directory-files.js';

function runDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'ndli-pack-'));
  mkdirSync(join(directory, 'round_1', 'calls'), { recursive: true });
  mkdirSync(join(directory, 'round_1', 'ralph', 'adds'), { recursive: true });
  writeFileSync(join(directory, 'run_metadata.json'), '{"status":"passed"}');
  writeFileSync(join(directory, 'round_1', 'calls', '001-init.json'), '{"phase":"init"}');
  writeFileSync(join(directory, 'round_1', 'verdict.json'), '{"passed":5}');
  writeFileSync(join(directory, 'round_1', 'ralph', 'adds', 'screenshot.png'), Buffer.alloc(2000, 7));
  return directory;
}

describe('packRunDirectory / unpackRunDirectory', () => {
  it('carries states, calls and verdicts byte for byte, evidence only on request', () => {
    const source = runDirectory();
    const shipped = packRunDirectory(source, { evidence: false });
    expect(Object.keys(shipped.files)).toEqual(['round_1/calls/001-init.json', 'round_1/verdict.json', 'run_metadata.json']);
    const target = join(mkdtempSync(join(tmpdir(), 'ndli-unpack-')), 'runs', 'trial');
    unpackRunDirectory(shipped, target);
    expect(readFileSync(join(target, 'round_1', 'verdict.json'), 'utf8')).toBe('{"passed":5}');
    expect(existsSync(join(target, 'round_1', 'ralph'))).toBe(false);

    const withEvidence = packRunDirectory(source, { evidence: true });
    unpackRunDirectory(withEvidence, target);
    expect(readFileSync(join(target, 'round_1', 'ralph', 'adds', 'screenshot.png'))).toEqual(Buffer.alloc(2000, 7));
  });

  it('stays within its bound, cutting evidence first and listing what it left out', () => {
    const shipped = packRunDirectory(runDirectory(), { evidence: true, maxBytes: 1000 });
    expect(shipped.omitted).toEqual(['round_1/ralph/adds/screenshot.png']);
    expect(Object.keys(shipped.files)).toContain('run_metadata.json');
    const target = mkdtempSync(join(tmpdir(), 'ndli-unpack-'));
    unpackRunDirectory(shipped, target);
    expect(readFileSync(join(target, 'omitted-files.txt'), 'utf8')).toBe('round_1/ralph/adds/screenshot.png\n');
  });

  it('refuses a path that would land outside the run directory', () => {
    const target = mkdtempSync(join(tmpdir(), 'ndli-unpack-'));
    expect(() => unpackRunDirectory({ files: { '../escape.txt': '' }, omitted: [] }, join(target, 'run'))).toThrow(/outside/);
  });
});
