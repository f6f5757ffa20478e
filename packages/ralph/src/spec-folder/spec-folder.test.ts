import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NotASpecFolderError, SpecInvalidError, SpecNotFoundError, SpecsDirectoryNotFoundError } from '../errors.js';
import { findSpecsDirectory, listSpecNames, listSpecs, loadSpec } from './spec-folder.js';

const specsDirectory = fileURLToPath(new URL('../test-fixtures/specs', import.meta.url));

describe('loadSpec', () => {
  it('loads a spec folder by name, with task prompt, reference, described bugs and variants', () => {
    const spec = loadSpec('counter', { specsDirectory });
    expect(spec).toMatchObject({
      name: 'counter',
      title: 'Click counter',
      directory: join(specsDirectory, 'counter'),
      artifactFileName: 'counter.html',
      testsDirectory: join(specsDirectory, 'counter', 'tests'),
      referencePath: join(specsDirectory, 'counter', 'reference', 'counter.html'),
    });
    expect(spec.taskPrompt).toContain('## DOM contract');
    expect(spec.bugs).toEqual([
      {
        name: 'adds-two',
        description: 'each click on #increment adds 2 instead of 1',
        path: join(specsDirectory, 'counter', 'bugs', 'adds-two.html'),
        caughtBy: 'increment › one click on #increment shows 1',
      },
      { name: 'forgets-count', description: 'the count is not saved, so a reload shows 0', path: join(specsDirectory, 'counter', 'bugs', 'forgets-count.html') },
    ]);
    expect(spec.variants).toEqual([
      {
        name: 'frame-render',
        description: 'shows the count in the next animation frame, with a label element around it',
        path: join(specsDirectory, 'counter', 'variants', 'frame-render.html'),
      },
    ]);
  });

  it('loads a spec folder by path', () => {
    expect(loadSpec(join(specsDirectory, 'counter')).name).toBe('counter');
  });

  it('names the available specs when the spec is unknown', () => {
    const error: unknown = (() => {
      try {
        loadSpec('calculater', { specsDirectory });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(SpecNotFoundError);
    expect(error).toMatchObject({ code: 'SPEC_NOT_FOUND', spec: 'calculater', availableSpecs: ['counter', 'harness-fault', 'isolation'] });
    expect((error as Error).message).toContain('Available specs: counter, harness-fault, isolation');
  });

  it('says a folder without spec.json is not a spec folder and names the commands that make one', () => {
    const folder = mkdtempSync(join(tmpdir(), 'ralph-tests-only-'));
    expect(() => loadSpec(folder)).toThrow(NotASpecFolderError);
    expect(() => loadSpec(folder)).toThrow(/has no spec.json/);
    const hint = (() => {
      try {
        loadSpec(folder);
      } catch (caught) {
        return (caught as NotASpecFolderError).hint;
      }
    })();
    expect(hint).toContain('ndli spec new <name> --plain');
    expect(hint).toContain(`ndli spec import ${folder}`);
  });

  it('lists the specs of the specs directory, not the missing folder’s parent, for a path that does not exist', () => {
    const parent = mkdtempSync(join(tmpdir(), 'ralph-elsewhere-'));
    expect(() => loadSpec(join(parent, 'myspec'), { specsDirectory })).toThrow(/Available specs: counter, harness-fault, isolation/);
  });

  it('accepts the test files Playwright collects by default: *.test.ts, *.spec.js, in sub-folders', () => {
    const root = mkdtempSync(join(tmpdir(), 'ralph-plain-'));
    mkdirSync(join(root, 'tests', 'e2e'), { recursive: true });
    mkdirSync(join(root, 'reference'));
    writeFileSync(join(root, 'task.md'), '# Todo\n');
    writeFileSync(join(root, 'tests', 'e2e', 'todo.test.js'), '');
    writeFileSync(join(root, 'reference', 'todo.html'), '<!doctype html>');
    writeFileSync(join(root, 'spec.json'), JSON.stringify({ name: 'todo', title: 'Todo', artifact: 'todo.html', description: 'd' }));
    expect(loadSpec(root).name).toBe('todo');
  });

  it('rejects a folder that breaks the layout, listing every problem', () => {
    const root = mkdtempSync(join(tmpdir(), 'ralph-specs-'));
    mkdirSync(join(root, 'half-done'));
    writeFileSync(join(root, 'half-done', 'spec.json'), JSON.stringify({ name: 'half-done', title: 'Half', artifact: 'half.html', description: 'd' }));
    expect(() => loadSpec('half-done', { specsDirectory: root })).toThrow(SpecInvalidError);
    expect(() => loadSpec('half-done', { specsDirectory: root })).toThrow(/task.md is missing; tests\/ has no test file \(\*.spec.ts, \*.test.ts, or .js alike\); reference\/half.html is missing/);
    writeFileSync(join(root, 'half-done', 'spec.json'), JSON.stringify({ name: 'Half Done', title: 'Half' }));
    expect(() => loadSpec('half-done', { specsDirectory: root })).toThrow(/spec.json name: kebab-case name/);
  });

  it('reads declared equivalent mutants from spec.json, each with a reason', () => {
    const root = mkdtempSync(join(tmpdir(), 'ralph-equivalent-'));
    const directory = join(root, 'tally');
    mkdirSync(join(directory, 'tests'), { recursive: true });
    mkdirSync(join(directory, 'reference'));
    writeFileSync(join(directory, 'task.md'), '# Tally\n## DOM contract\n');
    writeFileSync(join(directory, 'tests', 'tally.spec.ts'), '');
    writeFileSync(join(directory, 'reference', 'tally.html'), '<!doctype html>');
    const equivalent = { line: 12, mutator: 'StringLiteral', replacement: '""', reason: 'the label is never shown before the first click' };
    const manifest = { name: 'tally', title: 'Tally', artifact: 'tally.html', description: 'd', equivalentMutants: [equivalent] };
    writeFileSync(join(directory, 'spec.json'), JSON.stringify(manifest));
    expect(loadSpec(directory).equivalentMutants).toEqual([equivalent]);
    writeFileSync(join(directory, 'spec.json'), JSON.stringify({ ...manifest, equivalentMutants: [{ ...equivalent, reason: 'same' }] }));
    expect(() => loadSpec(directory)).toThrow(/equivalentMutants.0.reason: say why no test can tell this mutant apart/);
  });
});

describe('specs directory', () => {
  it('is found by walking up from cwd, skipping folders without spec.json', () => {
    const root = mkdtempSync(join(tmpdir(), 'ralph-walk-'));
    mkdirSync(join(root, 'specs', 'todo'), { recursive: true });
    writeFileSync(join(root, 'specs', 'todo', 'spec.json'), '{}');
    mkdirSync(join(root, 'specs', 'in-progress'));
    mkdirSync(join(root, 'apps', 'cli', 'src'), { recursive: true });
    expect(findSpecsDirectory({ cwd: join(root, 'apps', 'cli', 'src') })).toBe(join(root, 'specs'));
    expect(listSpecNames({ cwd: root })).toEqual(['todo']);
  });

  it('comes from NDLI_SPECS_DIR when set', () => {
    const previous = process.env.NDLI_SPECS_DIR;
    process.env.NDLI_SPECS_DIR = specsDirectory;
    try {
      expect(findSpecsDirectory({ cwd: tmpdir() })).toBe(specsDirectory);
    } finally {
      if (previous === undefined) delete process.env.NDLI_SPECS_DIR;
      else process.env.NDLI_SPECS_DIR = previous;
    }
  });

  it('is a named error when there is none', () => {
    const previous = process.env.NDLI_SPECS_DIR;
    delete process.env.NDLI_SPECS_DIR;
    try {
      expect(() => findSpecsDirectory({ cwd: mkdtempSync(join(tmpdir(), 'ralph-none-')) })).toThrow(SpecsDirectoryNotFoundError);
    } finally {
      if (previous !== undefined) process.env.NDLI_SPECS_DIR = previous;
    }
  });

  it('lists every valid spec', () => {
    expect(listSpecs({ specsDirectory }).map((spec) => spec.name)).toEqual(['counter', 'harness-fault', 'isolation']);
  });
});
