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

describe('importSpecFolder', () => {
  it('copies the tests and their helpers, rewrites only the start URL, and writes a valid spec folder', () => {
    const root = suiteFolder({ 'my-app/tests/app.spec.ts': SUITE, 'my-app/tests/helpers/data.json': '{"a":1}', 'my-app/tests/node_modules/x/index.js': '', 'my-app/task.md': '# A greeting page\n\n## DOM contract\n`h1`\n', 'my-app/app.html': '<!doctype html><h1>Hi</h1>' });
    const result = importSpecFolder({ testsDirectory: 'my-app/tests', reference: 'my-app/app.html', parent: 'specs', cwd: root });
    expect(result.name).toBe('my-app');
    expect(result.rewrites).toEqual([{ file: 'tests/app.spec.ts', line: 4, from: "'https://demo.example/app'", to: "'/'" }]);
    expect(readFileSync(join(result.directory, 'tests', 'app.spec.ts'), 'utf8')).toBe(SUITE.replace("'https://demo.example/app'", "'/'"));
    expect(existsSync(join(result.directory, 'tests', 'helpers', 'data.json'))).toBe(true);
    expect(existsSync(join(result.directory, 'tests', 'node_modules'))).toBe(false);
    expect(readFileSync(join(result.directory, 'task.md'), 'utf8')).toContain('DOM contract');
    expect(readFileSync(join(result.directory, 'reference', 'my-app.html'), 'utf8')).toBe('<!doctype html><h1>Hi</h1>');
    expect(SpecManifestSchema.parse(JSON.parse(readFileSync(join(result.directory, 'spec.json'), 'utf8')))).toMatchObject({ name: 'my-app', artifact: 'my-app.html', description: 'A greeting page' });
    expect(result.notes).toEqual([]);
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
