import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createJudge } from '../../judge.js';
import { loadSpec } from '../../spec-folder/spec-folder.js';
import { repeatRuns } from './repeat-runs.js';

const specsDirectory = fileURLToPath(new URL('../../test-fixtures/specs', import.meta.url));

describe('the flake check (--repeat)', () => {
  it('names a test whose outcome changes between runs of one app, with the run where it did not hold', { timeout: 120_000 }, async () => {
    const directory = mkdtempSync(join(tmpdir(), 'ralph-repeat-'));
    cpSync(join(specsDirectory, 'counter'), directory, { recursive: true });
    const counter = join(directory, 'runs-so-far');
    // Fails on its first execution only: the variant's first verdict fails it and passes it on the judge's re-run
    // (flaky within that run); the second verdict passes it.
    writeFileSync(
      join(directory, 'tests', 'racy.spec.ts'),
      `import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { test, expect } from '@ndli/ralph/spec';
test.describe('racy', () => {
  test('the count starts at 0, but not on the first execution', async ({ app }) => {
    const runs = existsSync(${JSON.stringify(counter)}) ? Number(readFileSync(${JSON.stringify(counter)}, 'utf8')) + 1 : 1;
    writeFileSync(${JSON.stringify(counter)}, String(runs));
    await expect(app.page.locator('#count')).toHaveText(runs === 1 ? 'never' : '0', { timeout: 200 });
  });
});
`,
    );
    const spec = loadSpec(directory);
    const variant = spec.variants[0];
    if (!variant) throw new Error('the counter fixture has a variant');
    const judge = createJudge({ workers: 1 });
    try {
      const flake = await repeatRuns({ spec, judge, repeat: 2, apps: [{ label: `variants/${variant.name}.html`, path: variant.path, runs: [] }] });
      expect(flake.problems).toEqual([`flaky on variants/${variant.name}.html: "racy › the count starts at 0, but not on the first execution" held in run 2 but not in run 1 (failed, then passed on the judge's re-run)`]);
      expect(flake.extraRunsMs).toBeGreaterThan(0);
    } finally {
      await judge.close();
    }
  });
});
