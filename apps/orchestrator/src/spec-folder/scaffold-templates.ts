/** A starter plain `@playwright/test` suite: Playwright's own `page`, the app at the baseURL. */
function plainSuite(): string {
  return `import { test, expect } from '@playwright/test';

// A plain Playwright suite: NDLI serves the app at the baseURL, so page.goto('/') opens it, each test in a new
// browser context. Use only selectors the DOM contract of task.md states, and auto-retrying assertions.
test.beforeEach(async ({ page }) => {
  await page.goto('/');
});

test.describe('Rule 1: TODO', () => {
  test('clicking #go once shows 1', async ({ page }) => {
    await page.locator('#go').click();
    await expect(page.locator('#output'), 'after one click on #go (rule 1)').toHaveText('1');
  });
});
`;
}

/** The `app`-fixture starter suite: the judge's fixture with recorded actions. */
function appFixtureSuite(): string {
  return `import { expect, test } from '@ndli/ralph/spec';

// One test per rule or example, titled by the behaviour it checks. Use only the \`app\` fixture (never page.goto),
// only selectors the DOM contract of task.md states, and auto-retrying assertions (no fixed sleeps).
test.describe('Rule 1: TODO', () => {
  test('clicking #go once shows 1', async ({ app }) => {
    app.record('click #go');
    await app.page.locator('#go').click();
    await expect(app.page.locator('#output'), 'after one click on #go (rule 1)').toHaveText('1');
  });
});
`;
}

/** What README.md says the tests are. */
export function testsLine(plain: boolean): string {
  return plain
    ? "- `tests/` — a plain Playwright suite (`import { test, expect } from '@playwright/test'`, `page.goto('/')`), one test per rule or example."
    : '- `tests/*.spec.ts` — Playwright specs importing `test`/`expect` from `@ndli/ralph/spec`, one test per rule or example.';
}

/** bugs/README.md and variants/README.md: what goes in each. */
export const SEEDED_FOLDERS: Record<string, string> = {
  'bugs/README.md': `Seeded bugs: copies of the reference with one plausible mistake each, each caught by a test.
First line \`<!-- bug: what is wrong -->\`; optional second line \`<!-- caught by: describe › test title -->\`.
`,
  'variants/README.md': `Variants: correct apps built differently (other markup, async rendering), each passing every test.
First line \`<!-- variant: how it differs -->\`.
`,
};

/** The folder's README.md. */
export function folderReadme(name: string, title: string, plain: boolean): string {
  return `# ${title} — an NDLI spec folder

- \`spec.json\` — name, title, artifact file name, one-line description.
- \`task.md\` — the prompt a model receives: what to build, the DOM contract, rules with examples. Self-contained.
- \`coverage.json\` — each sentence of task.md's Rules (and Clarifications) with the tests that check it, or why none can.
${testsLine(plain)}
- \`reference/${name}.html\` — a correct implementation that passes every test.
- \`bugs/*.html\` — seeded bugs, each caught by some test.
- \`variants/*.html\` — correct apps built differently, each passing every test.

Check it: \`ndli spec check <this folder>\`; generate it: \`ndli run <this folder> --model …\`.
`;
}

/** coverage.json for the starter task.md: its example mapped to the starter test, the TODO rules still to map. */
export function starterCoverage(): string {
  const todo = 'TODO: replace with the rule and the tests that check it';
  const entries = [
    { section: 'Rule 1', quote: 'TODO: one behaviour per rule, stated so a test can check it.', untestable: todo },
    { section: 'Rule 1', quote: 'Example: clicking `#go` once shows `1` in `#output`.', tests: ['clicking #go once shows 1'] },
    { section: 'Rule 2', quote: 'TODO: edge cases (empty input, limits, errors), each with an example.', untestable: todo },
  ];
  return `${JSON.stringify({ entries }, null, 2)}\n`;
}

/** A reference to replace: passes the starter test. */
export function placeholderReference(title: string): string {
  return `<!doctype html>
<!-- TODO: replace with a reference implementation that passes every test (ndli spec check verifies it). -->
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title></head>
<body>
<output id="output">0</output>
<button id="go">Go</button>
<script>
  let count = 0;
  document.getElementById('go').addEventListener('click', () => {
    count += 1;
    document.getElementById('output').textContent = String(count);
  });
</script>
</body>
</html>
`;
}

/** The title a spec name reads as: `kanban-board` → `Kanban board`. */
export function titleOf(name: string): string {
  return name.replaceAll('-', ' ').replace(/^./, (letter) => letter.toUpperCase());
}

/**
 * The files `ndli spec new` writes: a spec folder that passes `ndli spec check` once its reference and tests are filled
 * in. `plain`: the tests are a plain `@playwright/test` suite instead of the `app` fixture's.
 */
export function scaffoldFiles(name: string, plain = false): Record<string, string> {
  const title = titleOf(name);
  return {
    'spec.json': `${JSON.stringify({ name, title, artifact: `${name}.html`, description: `TODO: one line on what ${name} does` }, null, 2)}\n`,
    'task.md': `# Build ${title}

## What to build
A single self-contained HTML file (inline <style> and <script>, no network) that TODO: say what the app does, for whom.

## DOM contract
The tests use only these; keep every id and attribute exactly as written.
- \`#output\` — TODO: the element that shows the result; its text is checked.
- \`button#go\` — TODO: the control that produces it.

## Rules (with examples)
1. TODO: one behaviour per rule, stated so a test can check it.
   Example: clicking \`#go\` once shows \`1\` in \`#output\`.
2. TODO: edge cases (empty input, limits, errors), each with an example.
`,
    // Each sentence of task.md's Rules quoted with the tests that check it (`ndli spec check` holds them to task.md):
    // rewriting a rule leaves its quote behind, and the check then names the sentence to map.
    'coverage.json': starterCoverage(),
    [`tests/${name}.spec.ts`]: plain ? plainSuite() : appFixtureSuite(),
    [`reference/${name}.html`]: placeholderReference(title),
    ...SEEDED_FOLDERS,
    'README.md': folderReadme(name, title, plain),
  };
}
