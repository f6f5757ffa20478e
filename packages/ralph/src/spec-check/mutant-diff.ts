import type { Mutant } from './instrument-reference.js';

/**
 * The lines a mutant changes, as a small unified diff against the reference (`- original` / `+ mutated`), with
 * their 1-based line number: what a reader needs to see the behaviour no test pins down.
 */
export function mutantDiff(source: string, mutant: Mutant): string {
  const lines = source.split('\n');
  const { start, end } = mutant.location;
  const before = lines.slice(start.line, end.line + 1);
  const first = before[0] ?? '';
  const last = before.at(-1) ?? '';
  const mutated = `${first.slice(0, start.column)}${mutant.replacement}${last.slice(end.column)}`.split('\n');
  const removed = before.map((line) => `- ${line.trim()}`);
  const added = mutated.map((line) => `+ ${line.trim()}`);
  return [`line ${start.line + 1}:`, ...removed, ...added].join('\n');
}
