import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createJudge, formatVerdict, listSpecNames, loadSpec, type Judge, type SpecFolder, type TestOutcome } from '@ndli/ralph';

// Every folder of specs/ with a spec.json (discovered at run time: adding a folder adds its checks):
// the reference and each variants/*.html (a correct app built differently) pass every test, and each
// bugs/*.html fails at least one.
const specsDirectory = import.meta.dirname;
const names = listSpecNames({ specsDirectory });
// Per-test limit for the judged apps; raise it (NDLI_SPEC_TEST_TIMEOUT_MS) on a loaded machine.
const testTimeoutMs = Number(process.env.NDLI_SPEC_TEST_TIMEOUT_MS ?? 5_000);

let judge: Judge | undefined;
function sharedJudge(): Judge {
  judge ??= createJudge({ timeouts: { testTimeoutMs } });
  return judge;
}
afterAll(async () => {
  await judge?.close();
});

/**
 * The folder Playwright keeps a test's screenshot and trace in (its worker's naming, 1.65): path and titles with
 * punctuation runs turned into '-', long names cut around a hash of the cut string. Two tests whose titles differ
 * only in punctuation get one folder, and the second to start deletes the first one's evidence.
 */
function evidenceFolder(test: TestOutcome): string {
  // eslint-disable-next-line no-control-regex
  const name = `${test.file.replace(/\.spec\.ts$/, '').replaceAll('/', '-')}-${[...test.describePath, test.title].join(' ').replace(/[\x00-\x2C\x2E-\x2F\x3A-\x40\x5B-\x60\x7B-\x7F]+/g, '-')}`;
  if (name.length <= 100) return name;
  const middle = `-${createHash('sha1').update(name).digest('hex').slice(0, 5)}-`;
  const start = Math.floor((100 - middle.length) / 2);
  return name.slice(0, start) + middle + name.slice(-(100 - middle.length - start));
}

function load(name: string): SpecFolder | Error {
  try {
    return loadSpec(name, { specsDirectory });
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

it('finds spec folders', () => {
  expect(names.length).toBeGreaterThan(0);
});

describe.each(names)('%s', (name) => {
  const spec = load(name);

  it('follows the spec folder layout', () => {
    if (spec instanceof Error) throw spec;
  });
  if (spec instanceof Error) return;

  it(`reference/${spec.artifactFileName} passes every test, and each test keeps its own evidence`, async () => {
    const verdict = await sharedJudge().run({ spec, artifact: spec.referencePath });
    expect(verdict.failed, formatVerdict(verdict)).toBe(0);
    expect(verdict.passed).toBe(verdict.total);
    const byFolder = new Map<string, string[]>();
    for (const test of verdict.tests) {
      const folder = evidenceFolder(test);
      byFolder.set(folder, [...(byFolder.get(folder) ?? []), test.title]);
    }
    const shared = [...byFolder.values()].filter((titles) => titles.length > 1).map((titles) => titles.join(' | '));
    expect(shared, 'titles that differ only in punctuation share an evidence folder; tell them apart in words').toEqual([]);
  });

  for (const variant of spec.variants) {
    it(`variant ${variant.name} passes every test (${variant.description})`, async () => {
      // A correct app built differently: a failure here means a test asks for more than the contract.
      const verdict = await sharedJudge().run({ spec, artifact: variant.path, trace: 'off' });
      expect(verdict.failed, formatVerdict(verdict)).toBe(0);
      expect(verdict.passed).toBe(verdict.total);
    });
  }

  for (const bug of spec.bugs) {
    // Concurrent (vitest's maxConcurrency): a one-test run is mostly Playwright starting up, on one core.
    it.concurrent(`catches bug ${bug.name}: ${bug.description}`, async ({ expect }) => {
      // The bug file may name a test that catches it: run that one alone. Otherwise the suite runs until its
      // first failure (one failing assertion answers "is this bug caught?"). No traces either way.
      const selection = bug.caughtBy ? { tests: [bug.caughtBy] } : { maxFailures: 1 };
      const verdict = await sharedJudge().run({ spec, artifact: bug.path, trace: 'off', ...selection });
      // Caught means an assertion failed — not a test cut off by a timeout on a busy machine.
      const caughtBy = verdict.failures.filter((failure) => failure.status === 'failed');
      expect(caughtBy.length, `no assertion fails for bugs/${bug.name}.html:\n${formatVerdict(verdict)}`).toBeGreaterThan(0);
    });
  }
});
