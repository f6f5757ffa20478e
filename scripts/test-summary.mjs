// Sums every package's vitest JSON report (written by `pnpm test`) into one closing line:
// "N passed, N failed, N skipped". Exits 1 when no report exists or a test failed.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['packages', 'apps'].flatMap((group) => (existsSync(group) ? readdirSync(group).map((name) => join(group, name)) : []));
const reports = [...roots, 'specs'].map((directory) => join(directory, '.vitest-report.json')).filter((path) => existsSync(path));
let passed = 0;
let failed = 0;
let skipped = 0;
for (const path of reports) {
  const report = JSON.parse(readFileSync(path, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  console.log(`${path.replace('/.vitest-report.json', '')}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(reports.length > 0 && failed === 0 && passed > 0 ? 0 : 1);
