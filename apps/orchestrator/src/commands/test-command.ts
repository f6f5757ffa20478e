import { resolve } from 'node:path';
import { formatVerdict, loadSpec, runSpecs, verdictOutcome } from '@ndli/ralph';
import { EXIT } from '../cli-errors.js';
import { specLookup } from '../run/specs-location.js';
import { judgeProgressLine } from '../reporters/judge-progress-line.js';
import { Progress } from '../reporters/progress.js';
import { isInteractive } from '../reporters/terminal.js';

/** `ndli test <spec> <artifact>`: Ralph alone, to score any HTML file against a spec. */
export async function testCommand(specName: string, artifact: string, flags: { json?: boolean; browser?: string; specsDir?: string; evidence?: string; workers?: number }): Promise<number> {
  const spec = loadSpec(specName, specLookup(process.cwd(), flags.specsDir));
  const progress = new Progress(process.stderr, !flags.json && isInteractive(process.stderr));
  progress.start(`judging ${artifact} against ${spec.name}…`);
  const verdict = await runSpecs({
    spec,
    artifact: resolve(artifact),
    ...(flags.evidence ? { outputDirectory: resolve(flags.evidence) } : {}),
    ...(flags.browser ? { browser: { executablePath: flags.browser } } : {}),
    ...(flags.workers ? { workers: flags.workers } : {}),
    onProgress: (counts) => progress.update(`judging ${artifact} against ${spec.name}: ${judgeProgressLine(counts)}`),
  }).finally(() => progress.stop());
  if (flags.json) {
    const { spec: name, total, passed, failed, durationMs, failures, judgeErrors, flaky } = verdict;
    const summary = {
      spec: name,
      outcome: verdictOutcome(verdict),
      total,
      passed,
      failed,
      durationMs,
      failures: failures.map(({ title, expected, actual, message }) => ({ title, expected, actual, message })),
      judgeErrors: judgeErrors.map(({ title, message }) => ({ title, message })),
      flaky,
    };
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatVerdict(verdict)}\n`);
  }
  // A verdict with judge errors is not a pass: the harness could not judge every test.
  return verdictOutcome(verdict) === 'green' ? EXIT.passed : EXIT.failed;
}
