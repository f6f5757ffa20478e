import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A small but complete single-file app, in two versions, for scripted loop tests. */
export function tinyApp(result: number): string {
  return `<!DOCTYPE html>
<html><head><title>tiny</title><style>#display { font: 24px monospace; }</style></head>
<body><div id="display">0</div>
<script>
(() => {
  const display = document.getElementById('display');
  function show(value) {
    display.textContent = String(value);
  }
  function compute() {
    return ${result};
  }
  document.addEventListener('keydown', () => show(compute()));
})();
</script></body></html>
`;
}

/** A specs directory with one spec folder (`tiny`), as ralph expects it. */
export function tinySpecsDirectory(): string {
  const root = mkdtempSync(join(tmpdir(), 'ndli-specs-'));
  const folder = join(root, 'tiny');
  mkdirSync(join(folder, 'tests'), { recursive: true });
  mkdirSync(join(folder, 'reference'), { recursive: true });
  mkdirSync(join(folder, 'bugs'), { recursive: true });
  writeFileSync(join(folder, 'spec.json'), JSON.stringify({ name: 'tiny', title: 'Tiny app', artifact: 'tiny.html', description: 'A display that shows a computed value' }));
  writeFileSync(join(folder, 'task.md'), 'Build tiny.html: #display shows 20 after any key.\n');
  writeFileSync(join(folder, 'reference', 'tiny.html'), tinyApp(20));
  writeFileSync(join(folder, 'bugs', 'wrong-value.html'), `<!-- bug: shows 14 instead of 20 -->\n${tinyApp(14)}`);
  writeFileSync(join(folder, 'tests', 'tiny.spec.ts'), "import { test, expect } from '@ndli/ralph/spec';\ntest('shows 20', async ({ app }) => {\n  await app.page.keyboard.press('a');\n  await expect(app.page.locator('#display')).toHaveText('20');\n});\n");
  return root;
}
