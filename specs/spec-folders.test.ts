import { afterAll, describe, expect, it } from 'vitest';
import { createJudge, formatVerdict, listSpecNames, loadSpec, type Judge, type SpecFolder } from '@ndli/ralph';

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

  it(`reference/${spec.artifactFileName} passes every test`, async () => {
    const verdict = await sharedJudge().run({ spec, artifact: spec.referencePath });
    expect(verdict.failed, formatVerdict(verdict)).toBe(0);
    expect(verdict.passed).toBe(verdict.total);
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
    it(`catches bug ${bug.name}: ${bug.description}`, async () => {
      // One failing assertion answers "is this bug caught?": stop there, and skip traces.
      const verdict = await sharedJudge().run({ spec, artifact: bug.path, maxFailures: 1, trace: 'off' });
      // Caught means an assertion failed — not a test cut off by a timeout on a busy machine.
      const caughtBy = verdict.failures.filter((failure) => failure.status === 'failed');
      expect(caughtBy.length, `no assertion fails for bugs/${bug.name}.html:\n${formatVerdict(verdict)}`).toBeGreaterThan(0);
    });
  }
});
