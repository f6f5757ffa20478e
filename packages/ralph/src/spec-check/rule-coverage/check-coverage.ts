import { contractSections, normaliseWhitespace } from './contract-sections.js';
import type { CoverageFile } from './coverage-file.js';
import { matchTestReference } from './match-test-references.js';
import { uncoveredFragments } from './uncovered-fragments.js';

const SHOWN_FRAGMENT = 160;

function shorten(text: string): string {
  return text.length > SHOWN_FRAGMENT ? `${text.slice(0, SHOWN_FRAGMENT - 1)}…` : text;
}

/** The figures of a coverage table: sentences it maps to tests and sentences it marks untestable. */
export interface CoverageSummary {
  entries: number;
  tested: number;
  untestable: number;
}

export interface CoverageVerdict {
  problems: string[];
  summary: CoverageSummary;
}

/**
 * Checks a coverage table against task.md and the suite's full test titles: every quote is text of the Rules or
 * Clarifications sections; together the quotes cover those sections (nothing but list markers, bold item titles
 * and punctuation left over); each entry names a test or says why none can check it; each test reference names
 * exactly one test.
 */
export function checkCoverage(taskPrompt: string, coverage: CoverageFile, titles: readonly string[]): CoverageVerdict {
  const problems: string[] = [];
  const sections = contractSections(taskPrompt);
  if (sections.length === 0) problems.push('task.md has no "## Rules" or "## Clarifications" heading: the coverage table has nothing to cover');
  const quotes = coverage.entries.map((entry) => normaliseWhitespace(entry.quote));
  coverage.entries.forEach((entry, index) => {
    const where = `entry ${index + 1} (${entry.section}: "${shorten(normaliseWhitespace(entry.quote))}")`;
    const quote = quotes[index] ?? '';
    if (sections.length > 0 && !sections.some((section) => section.text.includes(quote))) {
      problems.push(`${where}: the quote is not in task.md's Rules or Clarifications (copy it verbatim; only whitespace may differ)`);
    }
    const untestable = entry.untestable?.trim() ?? '';
    if (entry.tests.length === 0 && untestable === '') problems.push(`${where}: names no test and gives no "untestable" reason`);
    for (const reference of entry.tests) {
      const match = matchTestReference(reference, titles);
      if (match.kind === 'none') problems.push(`${where}: no test's full title ends with "${reference}"`);
      if (match.kind === 'many') problems.push(`${where}: "${reference}" is ambiguous, it ends ${match.titles.length} tests' titles: ${match.titles.join(' | ')}`);
    }
  });
  for (const fragment of uncoveredFragments(sections, quotes)) {
    problems.push(`not covered (${fragment.heading}): "${shorten(fragment.text)}" — quote it in an entry with its tests, or with an "untestable" reason`);
  }
  const tested = coverage.entries.filter((entry) => entry.tests.length > 0).length;
  return { problems, summary: { entries: coverage.entries.length, tested, untestable: coverage.entries.length - tested } };
}
