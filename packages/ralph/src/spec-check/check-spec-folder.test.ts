import { describe, expect, it } from 'vitest';
import type { SpecFolder } from '../spec-folder/spec-folder.js';
import { checkTaskPrompt, checkTitles } from './check-spec-folder.js';
import type { TestRunRecord } from './mutation-plan.js';

function spec(taskPrompt: string): SpecFolder {
  return { name: 'x', title: 'X', description: 'x', directory: '/x', artifactFileName: 'x.html', taskPrompt, testsDirectory: '/x/tests', referencePath: '/x/reference/x.html', bugs: [], variants: [] };
}

function run(title: string, file = 'a.spec.ts'): TestRunRecord {
  return { title: `Rule 1 › ${title}`, file, describePath: ['Rule 1'], status: 'passed', loadErrors: [] };
}

describe('checkTaskPrompt', () => {
  it('holds for a prompt with a DOM contract heading', () => {
    expect(checkTaskPrompt(spec('# App\n\n## DOM contract\n- #out')).ok).toBe(true);
    expect(checkTaskPrompt(spec('# App\n## Elements (the DOM contract)\n')).ok).toBe(true);
  });

  it('fails an empty prompt or one without a DOM contract', () => {
    expect(checkTaskPrompt(spec('  ')).problems).toEqual(['task.md is empty']);
    expect(checkTaskPrompt(spec('# App\nmentions the DOM contract only in prose')).ok).toBe(false);
  });
});

describe('checkTitles', () => {
  it('holds for distinct titles', () => {
    expect(checkTitles([run('1 / 0 shows Error'), run('1 * 0 shows 0')]).ok).toBe(true);
  });

  it('names titles that share an evidence folder because they differ only in punctuation', () => {
    const result = checkTitles([run('1 / 0 = *'), run('1 / 0 = /')]);
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toContain('1 / 0 = * | Rule 1 › 1 / 0 = /');
  });

  it('names a title containing the separator that full titles are joined with', () => {
    expect(checkTitles([{ ...run('x'), title: 'a › b', describePath: [] }]).problems).toEqual(['a title or describe block contains " › ", which names tests apart: a.spec.ts: a › b']);
  });

  it('names a title used twice in one file', () => {
    expect(checkTitles([run('same'), run('same')]).problems).toContain('title used twice: a.spec.ts: Rule 1 › same');
  });
});
