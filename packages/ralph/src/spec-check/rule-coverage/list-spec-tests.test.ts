import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { listSpecTests } from './list-spec-tests.js';

const counter = fileURLToPath(new URL('../../test-fixtures/specs/counter', import.meta.url));

it('lists the full titles of a spec\'s tests, without running them', { timeout: 60_000 }, async () => {
  const titles = await listSpecTests({ testsDirectory: join(counter, 'tests'), cwd: counter, directory: mkdtempSync(join(tmpdir(), 'ralph-list-')), executablePath: '/nonexistent/chromium' });
  expect(titles.sort()).toEqual(['display › the count starts at 0', 'increment › one click on #increment shows 1', 'increment › three clicks on #increment show 3', 'persistence › the count survives a reload', 'reset › #reset after two clicks shows 0']);
});
