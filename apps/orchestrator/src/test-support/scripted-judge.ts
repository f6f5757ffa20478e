import { readFileSync } from 'node:fs';
import type { Judge, JudgeRunOptions, Verdict } from '@ndli/ralph';

/** Titles of the spec's tests in a scripted verdict, grouped as `group › title`. */
export const TEST_TITLES = ['adds', 'subtracts', 'multiplies', 'divides', 'chains left to right'];

/**
 * A judge that returns scripted verdicts instead of running a browser: which tests fail in judging N
 * (and, optionally, which the harness could not judge — an injected harness error). For loop tests
 * only — the real judge is exercised in the end-to-end tests.
 */
export function scriptedJudge(
  failingPerRound: readonly (readonly string[])[],
  judgeErrorsPerRound: readonly (readonly string[])[] = [],
): Judge & { judged: string[]; outputDirectories: string[] } {
  const judged: string[] = [];
  const outputDirectories: string[] = [];
  return {
    browser: { executablePath: '/scripted', source: 'config' },
    judged,
    outputDirectories,
    run: async ({ spec, artifact, outputDirectory }) => {
      const failing = failingPerRound[judged.length] ?? failingPerRound.at(-1) ?? [];
      const unjudged = judgeErrorsPerRound[judged.length] ?? [];
      judged.push(artifact);
      outputDirectories.push(outputDirectory ?? '');
      return scriptedVerdict({ spec, artifact, outputDirectory }, failing, unjudged);
    },
    close: async () => undefined,
  };
}

/**
 * A judge whose verdict depends on the artifact's text (which tests it fails), in any order of judging:
 * for candidates judged at once. `fail` may throw, to script a judge that breaks on one artifact.
 */
export function artifactJudge(fail: (html: string) => readonly string[], options: { tags?: Readonly<Record<string, readonly string[]>> } = {}): Judge & { judged: string[]; outputDirectories: string[] } {
  const judged: string[] = [];
  const outputDirectories: string[] = [];
  return {
    browser: { executablePath: '/scripted', source: 'config' },
    judged,
    outputDirectories,
    run: async ({ spec, artifact, outputDirectory }) => {
      judged.push(artifact);
      outputDirectories.push(outputDirectory ?? '');
      return scriptedVerdict({ spec, artifact, outputDirectory }, fail(readFileSync(artifact, 'utf8')), [], options.tags);
    },
    close: async () => undefined,
  };
}

function scriptedVerdict(
  { spec, artifact, outputDirectory }: Pick<JudgeRunOptions, 'spec' | 'artifact' | 'outputDirectory'>,
  failing: readonly string[],
  unjudged: readonly string[],
  tags: Readonly<Record<string, readonly string[]>> = {},
): Verdict {
  const status = (title: string) => (failing.includes(title) ? 'failed' : unjudged.includes(title) ? 'judge-error' : 'passed');
  const verdict: Verdict = {
    spec: typeof spec === 'string' ? spec : spec.name,
    artifact,
    total: TEST_TITLES.length,
    passed: TEST_TITLES.length - failing.length - unjudged.length,
    failed: failing.length,
    skipped: 0,
    durationMs: 5,
    tests: TEST_TITLES.map((title, index) => ({ title, describePath: ['arithmetic'], file: 'arithmetic.spec.ts', line: index + 1, status: status(title), durationMs: 1, ...(tags[title] ? { tags: [...(tags[title] ?? [])] } : {}) })),
    failures: failing.map((title) => ({
      title,
      group: 'arithmetic',
      describePath: ['arithmetic'],
      file: 'arithmetic.spec.ts',
      line: TEST_TITLES.indexOf(title) + 1,
      status: 'failed',
      actions: [`click the keys for "${title}"`],
      expected: '20',
      actual: '14',
      message: `after the keys for "${title}" the display should show 20 (left to right)`,
      consoleErrors: [],
      pageErrors: [],
      dialogs: [],
      blockedRequests: [],
    })),
    runErrors: [],
    judgeErrors: unjudged.map((title) => ({
      title,
      describePath: ['arithmetic'],
      file: 'arithmetic.spec.ts',
      line: TEST_TITLES.indexOf(title) + 1,
      message: `browserContext.close: ENOENT: no such file or directory, open '.playwright-artifacts-1/traces/recording116.trace' (injected harness error for "${title}")`,
    })),
    flaky: [],
    browser: { executablePath: '/scripted', source: 'config' },
    outputDirectory: outputDirectory ?? '',
  };
  return verdict;
}
