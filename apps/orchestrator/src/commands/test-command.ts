import { resolve } from 'node:path';
import { formatVerdict, loadSpec, runSpecs } from '@ndli/ralph';
import { EXIT } from '../cli-errors.js';
import { specLookup } from '../run/specs-location.js';
import { Progress } from '../reporters/progress.js';
import { isInteractive } from '../reporters/terminal.js';

/** `ndli test <spec> <artifact>`: Ralph alone, to score any HTML file against a spec. */
export async function testCommand(specName: string, artifact: string, flags: { json?: boolean; browser?: string; specsDir?: string; evidence?: string }): Promise<number> {
  const spec = loadSpec(specName, specLookup(process.cwd(), flags.specsDir));
  const progress = new Progress(process.stderr, !flags.json && isInteractive(process.stderr));
  progress.start(`judging ${artifact} against ${spec.name}…`);
  const verdict = await runSpecs({
    spec,
    artifact: resolve(artifact),
    ...(flags.evidence ? { outputDirectory: resolve(flags.evidence) } : {}),
    ...(flags.browser ? { browser: { executablePath: flags.browser } } : {}),
  }).finally(() => progress.stop());
  if (flags.json) {
    const { spec: name, total, passed, failed, durationMs, failures } = verdict;
    const summary = { spec: name, total, passed, failed, durationMs, failures: failures.map(({ title, expected, actual, message }) => ({ title, expected, actual, message })) };
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatVerdict(verdict)}\n`);
  }
  return verdict.failed === 0 && verdict.total > 0 ? EXIT.passed : EXIT.failed;
}
