import type { FixFailure } from '../reasoning-state.js';

/**
 * Failing behaviours as a prompt section: each failure's name, what is known (the test titles) and
 * its blockers (each failing test's actions, expected vs actual). Empty when there are none, so the
 * prompt of a fresh run reads as before.
 */
export function failingBehavioursSection(heading: string, failures: readonly FixFailure[] | undefined): string {
  if (!failures || failures.length === 0) return '';
  const items = failures.map((failure) => {
    const known = failure.what_i_know ? ` ${failure.what_i_know}` : '';
    return [`- ${failure.name}:${known}`, ...failure.blockers.map((blocker) => `  - ${blocker}`)].join('\n');
  });
  return `\n${heading}\n\n${items.join('\n')}\n`;
}
