import { readFileSync } from 'node:fs';
import type { Judge } from '@ndli/ralph';
import { TEST_TITLES, scriptedJudge } from './scripted-judge.js';

/**
 * A SCRIPTED judge for queue tests: the app passes every test when it is the spec's reference
 * implementation, else `chains left to right` fails. Deterministic per artifact (unlike a judge that
 * scripts by call order), so a trial gets the same verdict on any worker. `delayMs` makes each
 * judging take a while, long enough to kill a worker in the middle of a trial.
 */
export function referenceJudge(referencePath: string, delayMs = 0): Judge {
  const reference = readFileSync(referencePath, 'utf8');
  return {
    browser: { executablePath: '/scripted', source: 'config' },
    run: async (input) => {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      const correct = readFileSync(input.artifact, 'utf8') === reference;
      return scriptedJudge([correct ? [] : [TEST_TITLES.at(-1) ?? '']]).run(input);
    },
    close: async () => undefined,
  };
}
