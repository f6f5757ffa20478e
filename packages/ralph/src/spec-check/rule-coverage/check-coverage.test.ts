import { describe, expect, it } from 'vitest';
import { checkCoverage } from './check-coverage.js';
import { contractSections } from './contract-sections.js';
import type { CoverageFile } from './coverage-file.js';
import { uncoveredFragments } from './uncovered-fragments.js';

const TASK = `# App

## Elements (the DOM contract)
- \`#out\` shows the result.

## Rules
1. **Adding.** Pressing \`Enter\` adds the item. The input is then
   cleared.
2. **Empty.** Empty text is ignored.

### Notes on rule 2
Spaces count as empty.

## Clarifications (these settle every case)
- Duplicates are allowed.

## Not covered
Layout is free.
`;

const TITLES = ['Rule 1: adding › Enter adds the item', 'Rule 1: adding › the input is cleared', 'Rule 2: empty › empty text adds nothing', 'Rule 2: empty › spaces add nothing'];

function file(entries: CoverageFile['entries']): CoverageFile {
  return { entries };
}

const FULL: CoverageFile['entries'] = [
  { section: 'Rule 1', quote: 'Pressing `Enter` adds the item.', tests: ['Enter adds the item'] },
  { section: 'Rule 1', quote: 'The input is then cleared.', tests: ['Rule 1: adding › the input is cleared'] },
  { section: 'Rule 2', quote: 'Empty text is ignored.', tests: ['empty text adds nothing'] },
  { section: 'Rule 2', quote: 'Spaces count as empty.', tests: ['spaces add nothing'] },
  { section: 'Clarifications', quote: 'Duplicates are allowed.', tests: [], untestable: 'for the example' },
];

describe('contractSections', () => {
  it('takes the Rules (with its sub-headings) and Clarifications sections, whitespace collapsed', () => {
    const sections = contractSections(TASK);
    expect(sections.map((section) => section.heading)).toEqual(['Rules', 'Clarifications (these settle every case)']);
    expect(sections[0]?.text).toBe('1. **Adding.** Pressing `Enter` adds the item. The input is then cleared. 2. **Empty.** Empty text is ignored. Spaces count as empty.');
    expect(sections[1]?.text).toBe('- Duplicates are allowed.');
  });
});

describe('uncoveredFragments', () => {
  it('leaves out list markers, leading bold titles and punctuation', () => {
    expect(uncoveredFragments([{ heading: 'Rules', text: '1. **Adding.** One. 2. **Two.** Second (see `x`).' }], ['One.', 'Second (see `x'])).toEqual([]);
  });

  it('reports the uncovered words with their section', () => {
    expect(uncoveredFragments([{ heading: 'Rules', text: '1. **Adding.** One. Two more.' }], ['One.'])).toEqual([{ heading: 'Rules', text: 'Two more.' }]);
  });

  it('accepts overlapping quotes', () => {
    expect(uncoveredFragments([{ heading: 'Rules', text: 'a b c d' }], ['a b c', 'b c d'])).toEqual([]);
  });
});

describe('checkCoverage', () => {
  it('holds when every sentence is quoted and every reference names one test', () => {
    const verdict = checkCoverage(TASK, file(FULL), TITLES);
    expect(verdict.problems).toEqual([]);
    expect(verdict.summary).toEqual({ entries: 5, tested: 4, untestable: 1 });
  });

  it('reports a sentence no entry quotes, by its section', () => {
    const verdict = checkCoverage(TASK, file(FULL.filter((entry) => entry.quote !== 'Spaces count as empty.')), TITLES);
    expect(verdict.problems).toEqual(['not covered (Rules): "Spaces count as empty." — quote it in an entry with its tests, or with an "untestable" reason']);
  });

  it('reports a quote that is not in Rules or Clarifications, even when it is elsewhere in task.md', () => {
    const verdict = checkCoverage(TASK, file([...FULL, { section: 'Elements', quote: 'Layout is free.', tests: [], untestable: 'free' }]), TITLES);
    expect(verdict.problems).toEqual([expect.stringContaining('entry 6 (Elements: "Layout is free."): the quote is not in task.md')]);
  });

  it('reports an entry with neither a test nor an untestable reason', () => {
    const entries = FULL.map((entry) => (entry.section === 'Clarifications' ? { ...entry, untestable: ' ' } : entry));
    expect(checkCoverage(TASK, file(entries), TITLES).problems).toEqual([expect.stringContaining('names no test and gives no "untestable" reason')]);
  });

  it('reports unknown and ambiguous test references', () => {
    const entries = FULL.map((entry) => (entry.section === 'Rule 2' && entry.quote.startsWith('Empty') ? { ...entry, tests: ['nothing', 'no such test'] } : entry));
    const problems = checkCoverage(TASK, file(entries), TITLES).problems;
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('"nothing" is ambiguous, it ends 2 tests\' titles');
    expect(problems[1]).toContain('no test\'s full title ends with "no such test"');
  });

  it('matches quotes wrapped differently from task.md', () => {
    const entries = FULL.map((entry) => (entry.quote === 'The input is then cleared.' ? { ...entry, quote: 'The input\n  is then   cleared.' } : entry));
    expect(checkCoverage(TASK, file(entries), TITLES).problems).toEqual([]);
  });
});
