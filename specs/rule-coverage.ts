// The rule-coverage check of `ndli spec check` alone, for every bundled spec (or those named), without judging any
// app: each coverage.json against its task.md and its tests as Playwright lists them (seconds, not minutes).
//   pnpm specs:coverage [spec …]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSpecCoverage, listSpecNames, loadSpec, resolveBrowser } from '@ndli/ralph';

const specsDirectory = import.meta.dirname;
const names = process.argv.length > 2 ? process.argv.slice(2) : listSpecNames({ specsDirectory });
const { executablePath } = resolveBrowser();
let failed = 0;
for (const name of names) {
  const spec = loadSpec(name, { specsDirectory });
  const result = await checkSpecCoverage(spec, { directory: mkdtempSync(join(tmpdir(), `ndli-coverage-${name}-`)), executablePath });
  process.stdout.write(`${result.ok ? '✓' : '✗'} ${name}: ${result.name}\n${result.problems.map((problem) => `    ${problem}\n`).join('')}`);
  if (!result.ok) failed += 1;
}
process.exitCode = failed > 0 ? 1 : 0;
