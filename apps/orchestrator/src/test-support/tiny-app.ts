import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/**
 * A specs directory with small spec folders (`tiny` expects 20, `tiny-seven` expects 7), as ralph
 * expects them. It is made inside this package (git-ignored `.ndli-tmp/`) so that its Playwright specs
 * resolve `@ndli/ralph/spec` as a real spec folder does.
 */
export function tinySpecsDirectory(): string {
  const scratch = fileURLToPath(new URL('../../.ndli-tmp/', import.meta.url));
  mkdirSync(scratch, { recursive: true });
  const root = mkdtempSync(join(scratch, 'specs-'));
  writeTinySpec(root, 'tiny', 20, 14);
  writeTinySpec(root, 'tiny-seven', 7, 8);
  writeTinySpec(root, 'tiny-held-out', 20, 14, { heldOut: true });
  return root;
}

/**
 * An app fitted to the tiny spec's visible tests: 20 after the first key, 21 after the next (the held-out
 * test of `tiny-held-out` presses twice).
 */
export function tinyOverfitApp(): string {
  return tinyApp(20).replace('return 20;', 'return presses++ === 0 ? 20 : 21;').replace("const display = document.getElementById('display');", "const display = document.getElementById('display');\n  let presses = 0;");
}

/** The held-out test of `tiny-held-out` (tagged @held-out): never shown to the model. */
export const TINY_HELD_OUT_TITLE = 'still shows 20 after a second key';

function writeTinySpec(root: string, name: string, expected: number, wrong: number, options: { heldOut?: boolean } = {}): void {
  const folder = join(root, name);
  for (const part of ['tests', 'reference', 'bugs']) mkdirSync(join(folder, part), { recursive: true });
  const heldOut = options.heldOut ? { heldOut: { tag: '@held-out' } } : {};
  writeFileSync(join(folder, 'spec.json'), JSON.stringify({ name, title: `Tiny app (${expected})`, artifact: `${name}.html`, description: `#display shows ${expected} after any key`, ...heldOut }));
  writeFileSync(join(folder, 'task.md'), `Build ${name}.html: #display shows 0, then ${expected} after any key.\n`);
  writeFileSync(join(folder, 'reference', `${name}.html`), tinyApp(expected));
  writeFileSync(join(folder, 'bugs', 'wrong-value.html'), `<!-- bug: shows ${wrong} instead of ${expected} -->\n${tinyApp(wrong)}`);
  writeFileSync(
    join(folder, 'tests', `${name}.spec.ts`),
    `import { test, expect } from '@ndli/ralph/spec';

test.describe('display', () => {
  test('starts at 0', async ({ app }) => {
    await expect(app.page.locator('#display')).toHaveText('0');
  });
  test('shows ${expected} after a key', async ({ app }) => {
    app.record('keyboard a');
    await app.page.keyboard.press('a');
    await expect(app.page.locator('#display'), 'after a key press #display shows ${expected}').toHaveText('${expected}');
  });
${
  options.heldOut
    ? `  test('${TINY_HELD_OUT_TITLE}', { tag: '@held-out' }, async ({ app }) => {
    app.record('keyboard a, keyboard b');
    await app.page.keyboard.press('a');
    await app.page.keyboard.press('b');
    await expect(app.page.locator('#display'), 'after two key presses #display shows ${expected}').toHaveText('${expected}');
  });
`
    : ''
}});
`,
  );
}

/**
 * Ralph's FIX task for a failure of the tiny spec: failures are grouped by describe block (one root cause, one
 * task), and the tiny spec has one block, `display`.
 */
export const TINY_FIX_TASK = 'fix_display';
