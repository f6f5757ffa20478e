import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brokenLinks } from './link-check.js';
import { parseMarkdown } from './markdown-document.js';

describe('links between pages', () => {
  it('resolve to files and to the anchors GitHub gives headings; a missing file or heading is named', () => {
    const root = mkdtempSync(join(tmpdir(), 'ndli-links-'));
    mkdirSync(join(root, 'docs'));
    writeFileSync(join(root, 'docs', 'loops.md'), '# The loops\n\n## REFINE answers: `changes` (default) and `full`\n\n## Budgets\n');
    writeFileSync(
      join(root, 'README.md'),
      [
        '# Title',
        '[ok](docs/loops.md#refine-answers-changes-default-and-full) [ok](docs/loops.md) [self](#title) [web](https://example.com/x.md)',
        '| a | [in a table](docs/loops.md#budgets) |\n| --- | --- |\n| b | c |',
        '[bad anchor](docs/loops.md#budget) [no file](docs/missing.md)',
      ].join('\n\n'),
    );
    const readme = parseMarkdown(join(root, 'README.md'));
    expect(readme.links).toHaveLength(7);
    expect(brokenLinks([readme])).toEqual([
      `${join(root, 'README.md')}: docs/loops.md#budget — no heading with that anchor in docs/loops.md`,
      `${join(root, 'README.md')}: docs/missing.md — no such file`,
    ]);
  });

  it('finds commands in shell blocks and inline code, not in other languages', () => {
    const root = mkdtempSync(join(tmpdir(), 'ndli-code-'));
    writeFileSync(join(root, 'page.md'), '```bash\nndli run calculator\n```\n\n```ts\nconst x = "ndli run";\n```\n\nUse `ndli view` or `ndli test <x>`.\n');
    expect(parseMarkdown(join(root, 'page.md')).code).toEqual([
      { text: 'ndli run calculator', fenced: true },
      { text: 'ndli view', fenced: false },
      { text: 'ndli test <x>', fenced: false },
    ]);
  });
});
