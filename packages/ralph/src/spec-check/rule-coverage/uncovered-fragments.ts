import type { ContractSection } from './contract-sections.js';

/** Text of a section that no quote covers and that holds a letter or digit (not just list markup). */
export interface UncoveredFragment {
  heading: string;
  text: string;
}

/** Each occurrence of each quote marks its characters covered (overlapping quotes are fine). */
function coveredMask(text: string, quotes: readonly string[]): boolean[] {
  const covered = Array.from({ length: text.length }, () => false);
  for (const quote of quotes) {
    if (quote.length === 0) continue;
    for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
      for (let index = at; index < at + quote.length; index++) covered[index] = true;
    }
  }
  return covered;
}

// A list item's marker (`1.`, `-`, `*`) and the bold title that may open the item (`**Adding.**`): structure, not
// a sentence of the contract.
const ITEM_OPENING = /(^|\s)(?:\d+\.|[-*+])(?=\s)(\s+\*\*[^*]+\*\*)?/g;
const LEADING_BOLD_TITLE = /^\s*\*\*[^*]+\*\*/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * What the quotes leave of each section: the uncovered runs of its text that still hold a letter or digit once list
 * markers, leading bold item titles and punctuation are set aside. Empty when the quotes cover everything.
 */
export function uncoveredFragments(sections: readonly ContractSection[], quotes: readonly string[]): UncoveredFragment[] {
  const fragments: UncoveredFragment[] = [];
  for (const section of sections) {
    const covered = coveredMask(section.text, quotes);
    let start = 0;
    while (start < section.text.length) {
      if (covered[start]) {
        start++;
        continue;
      }
      let end = start;
      while (end < section.text.length && !covered[end]) end++;
      const run = section.text.slice(start, end);
      const content = run.replace(ITEM_OPENING, ' ').replace(LEADING_BOLD_TITLE, ' ');
      if (LETTER_OR_DIGIT.test(content)) fragments.push({ heading: section.heading, text: run.trim() });
      start = end;
    }
  }
  return fragments;
}
