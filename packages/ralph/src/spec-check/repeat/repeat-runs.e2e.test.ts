import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../spec-folder.js';
import { checkSpecFolder } from '../check-spec-folder.js';

const specsDirectory = fileURLToPath(new URL('../../test-fixtures/specs', import.meta.url));

describe('the flake check (--repeat)', () => {
  it('names a test whose outcome changes between runs of one app, with the run where it did not hold', { timeout: 240_000 }, async () => {
    const directory = mkdtempSync(join(tmpdir(), 'ralph-repeat-'));
    cpSync(join(specsDirectory, 'counter'), directory, { recursive: true });
    const counter = join(directory, 'runs-so-far');
    // Fails on its second execution only: the reference's run passes it, the variant's first verdict fails it (and
    // passes it on the judge's re-run: flaky within that run), every later run passes it.
    writeFileSync(
      join(directory, 'tests', 'racy.spec.ts'),
      `import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { test, expect } from '@ndli/ralph/spec';
test.describe('racy', () => {
  test('the count starts at 0, but not on the second execution', async ({ app }) => {
    const runs = existsSync(${JSON.stringify(counter)}) ? Number(readFileSync(${JSON.stringify(counter)}, 'utf8')) + 1 : 1;
    writeFileSync(${JSON.stringify(counter)}, String(runs));
    await expect(app.page.locator('#count')).toHaveText(runs === 2 ? 'never' : '0', { timeout: 200 });
  });
});
`,
    );
    const report = await checkSpecFolder({ spec: loadSpec(directory), seed: 1, maxMutants: 0, repeat: 2 });
    const flake = report.checks.find((check) => check.name.startsWith('no flaky test'));
    expect(flake?.name).toBe('no flaky test: the reference and every variant, 2 runs each');
    expect(flake?.problems).toEqual(['flaky on variants/frame-render.html: "racy › the count starts at 0, but not on the second execution" held in run 2 but not in run 1 (flaky)']);
    // The rest of the spec holds: its coverage table covers task.md, and a test flaky within a run is not a failure.
    expect(report.checks.filter((check) => !check.ok).map((check) => check.name)).toEqual([flake?.name]);
  });
});
