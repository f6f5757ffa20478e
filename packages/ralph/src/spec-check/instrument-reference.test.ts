import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScriptUnparsableError } from './errors.js';
import { instrumentReference } from './instrument-reference.js';

function page(script: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'ndli-instrument-')), 'app.html');
  writeFileSync(path, `<!doctype html><html><body><p id="out"></p><script>${script}</script></body></html>`);
  return path;
}

describe('instrumentReference', () => {
  it('builds every mutant into one page behind Stryker switches', async () => {
    const { html, mutants } = await instrumentReference(page("document.getElementById('out').textContent = 1 + 2 > 2 ? 'big' : 'small';"));
    expect(mutants.map((mutant) => mutant.mutatorName)).toEqual(expect.arrayContaining(['ArithmeticOperator', 'EqualityOperator', 'StringLiteral']));
    expect(html).toContain('__stryker__');
    expect(html).toContain(`stryMutAct_9fa48("${mutants[0]?.id ?? ''}")`);
  });

  it('reports a script that does not parse as a named error', async () => {
    await expect(instrumentReference(page('const = ;'))).rejects.toBeInstanceOf(ScriptUnparsableError);
  });
});
