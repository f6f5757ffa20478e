import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A counter app: the page both suites of the pair judge. */
const COUNTER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Counter</title></head>
<body><output id="count">0</output> <button id="add">Add</button> <button id="reset">Reset</button>
<script>
  let count = Number(localStorage.getItem('count') || '0');
  const output = document.getElementById('count');
  const show = () => { output.textContent = String(count); localStorage.setItem('count', String(count)); };
  document.getElementById('add').addEventListener('click', () => { count += 1; show(); });
  document.getElementById('reset').addEventListener('click', () => { count = 0; show(); });
  show();
</script></body></html>
`;

/** Test `index`'s body: click Add `index % 5 + 1` times, check the count, reset, check again. */
function body(index: number, page: string): string {
  const clicks = (index % 5) + 1;
  return [
    `    for (let i = 0; i < ${clicks}; i += 1) await ${page}.locator('#add').click();`,
    `    await expect(${page}.locator('#count')).toHaveText('${clicks}');`,
    `    await ${page}.locator('#reset').click();`,
    `    await expect(${page}.locator('#count')).toHaveText('0');`,
  ].join('\n');
}

function folder(root: string, name: string, tests: string): string {
  const directory = join(root, name);
  mkdirSync(join(directory, 'tests'), { recursive: true });
  mkdirSync(join(directory, 'reference'), { recursive: true });
  writeFileSync(join(directory, 'spec.json'), JSON.stringify({ name, title: name, artifact: 'counter.html', description: 'a counter' }));
  writeFileSync(join(directory, 'task.md'), '# Counter\n\n## DOM contract\n`#count`, `#add`, `#reset`.\n');
  writeFileSync(join(directory, 'reference', 'counter.html'), COUNTER);
  writeFileSync(join(directory, 'tests', `${name}.spec.ts`), tests);
  return directory;
}

/**
 * The same `count` tests twice, in spec folders outside the repository: once with the judge's `app` fixture, once as
 * a plain `@playwright/test` suite (`page.goto('/')` first, as plain suites do). Same clicks, same assertions: the
 * difference in their verdict times is the plain suite's cost.
 */
export function writeSuitePair(count: number): { appFixture: string; plain: string; artifact: string } {
  const root = mkdtempSync(join(tmpdir(), 'ndli-bench-pair-'));
  const indices = Array.from({ length: count }, (_, index) => index);
  const appFixture = folder(
    root,
    'pair-app-fixture',
    `import { test, expect } from '@ndli/ralph/spec';\n\n${indices.map((index) => `test('counts ${index}', async ({ app }) => {\n${body(index, 'app.page')}\n});\n`).join('\n')}`,
  );
  const plain = folder(
    root,
    'pair-plain',
    `import { test, expect } from '@playwright/test';\n\n${indices.map((index) => `test('counts ${index}', async ({ page }) => {\n    await page.goto('/');\n${body(index, 'page')}\n});\n`).join('\n')}`,
  );
  return { appFixture, plain, artifact: join(plain, 'reference', 'counter.html') };
}
