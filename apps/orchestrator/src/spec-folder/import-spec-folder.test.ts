import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpecManifestSchema } from '@ndli/ralph';
import { importSpecFolder } from './import-spec-folder.js';

function suiteFolder(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'ndli-import-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), content);
  }
  return root;
}

const SUITE = "import { test, expect } from '@playwright/test';\n\ntest.beforeEach(async ({ page }) => {\n  await page.goto('https://demo.example/app');\n});\n\ntest('x', async ({ page }) => {\n  await expect(page.locator('h1')).toHaveText('Hi');\n});\n";

const TASK = '# A greeting page\n\n## DOM contract\n`h1`\n\n## Rules\nThe page shows `Hi` in `h1`.\n';

describe('importSpecFolder', () => {
  it('copies the tests and their helpers, rewrites only the start URL, and writes a valid spec folder', () => {
    const coverage = '{ "entries": [{ "section": "Rules", "quote": "The page shows `Hi` in `h1`.", "tests": ["x"] }] }\n';
    const root = suiteFolder({ 'my-app/tests/app.spec.ts': SUITE, 'my-app/tests/helpers/data.json': '{"a":1}', 'my-app/tests/node_modules/x/index.js': '', 'my-app/task.md': TASK, 'my-app/coverage.json': coverage, 'my-app/app.html': '<!doctype html><h1>Hi</h1>' });
    const result = importSpecFolder({ testsDirectory: 'my-app/tests', reference: 'my-app/app.html', parent: 'specs', cwd: root });
    expect(result.name).toBe('my-app');
    expect(result.rewrites).toEqual([{ file: 'tests/app.spec.ts', line: 4, from: "'https://demo.example/app'", to: "'/'" }]);
    expect(readFileSync(join(result.directory, 'tests', 'app.spec.ts'), 'utf8')).toBe(SUITE.replace("'https://demo.example/app'", "'/'"));
    expect(existsSync(join(result.directory, 'tests', 'helpers', 'data.json'))).toBe(true);
    expect(existsSync(join(result.directory, 'tests', 'node_modules'))).toBe(false);
    expect(readFileSync(join(result.directory, 'task.md'), 'utf8')).toContain('DOM contract');
    expect(readFileSync(join(result.directory, 'reference', 'my-app.html'), 'utf8')).toBe('<!doctype html><h1>Hi</h1>');
    expect(SpecManifestSchema.parse(JSON.parse(readFileSync(join(result.directory, 'spec.json'), 'utf8')))).toMatchObject({ name: 'my-app', artifact: 'my-app.html', description: 'A greeting page' });
    expect(readFileSync(join(result.directory, 'coverage.json'), 'utf8')).toBe(coverage);
    expect(result.notes).toEqual([]);
  });

  it("without the suite's own coverage.json, writes one quoting the task's rules with no tests named yet, and says so", () => {
    const root = suiteFolder({ 'my-app/tests/app.spec.ts': SUITE, 'my-app/task.md': TASK, 'my-app/app.html': '<!doctype html><h1>Hi</h1>' });
    const result = importSpecFolder({ testsDirectory: 'my-app/tests', reference: 'my-app/app.html', parent: 'specs', cwd: root });
    expect(JSON.parse(readFileSync(join(result.directory, 'coverage.json'), 'utf8'))).toEqual({ entries: [{ section: 'Rules', quote: 'The page shows `Hi` in `h1`.', tests: [] }] });
    expect(result.notes.join('\n')).toMatch(/coverage\.json quotes task\.md's Rules whole, with no tests yet/);
    const ruleless = suiteFolder({ 'my-app/tests/app.spec.ts': SUITE, 'my-app/task.md': '# A greeting page\n\n## DOM contract\n`h1`\n', 'my-app/app.html': '<!doctype html><h1>Hi</h1>' });
    const noRules = importSpecFolder({ testsDirectory: 'my-app/tests', reference: 'my-app/app.html', parent: 'specs', cwd: ruleless });
    expect(noRules.notes.join('\n')).toMatch(/task\.md has no "## Rules" or "## Clarifications" section/);
  });

  it('says what is left to do when no task or reference is given', () => {
    const root = suiteFolder({ 'e2e/app.spec.ts': SUITE });
    const result = importSpecFolder({ testsDirectory: 'e2e', name: 'greeting', parent: 'specs', cwd: root });
    expect(result.notes.join('\n')).toMatch(/task.md is a TODO[\s\S]*reference\/greeting.html is a placeholder/);
  });

  it('refuses a suite that starts a web server or calls a backend, saying why', () => {
    const server = suiteFolder({ 'tests/app.spec.ts': SUITE, 'playwright.config.ts': "export default { webServer: { command: 'npm start' } };" });
    expect(() => importSpecFolder({ testsDirectory: 'tests', name: 'x', parent: 'specs', cwd: server })).toThrow(/starts a web server \(webServer\)/);
    const api = suiteFolder({ 'tests/api.spec.ts': "import { test } from '@playwright/test';\ntest('api', async ({ request }) => {\n  await request.get('/api');\n});\n" });
    expect(() => importSpecFolder({ testsDirectory: 'tests', name: 'x', parent: 'specs', cwd: api })).toThrow(/`request` fixture/);
  });

  it('refuses a folder with no Playwright test file', () => {
    const root = suiteFolder({ 'tests/readme.md': '' });
    expect(() => importSpecFolder({ testsDirectory: 'tests', name: 'x', parent: 'specs', cwd: root })).toThrow(/no Playwright test file/);
  });
});
