import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkArtifact } from './artifact.js';
import { ArtifactInvalidError } from './errors.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./test-fixtures/${name}`, import.meta.url));

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof ArtifactInvalidError ? error.code : `unexpected: ${String(error)}`;
  }
  return undefined;
}

describe('checkArtifact', () => {
  it('accepts an HTML document and returns its absolute path', () => {
    expect(checkArtifact(fixture('specs/counter/reference/counter.html'))).toBe(fixture('specs/counter/reference/counter.html'));
    expect(checkArtifact(fixture('specs/counter/bugs/adds-two.html'))).toBe(fixture('specs/counter/bugs/adds-two.html'));
  });

  it('names a missing, empty or non-HTML artifact', () => {
    expect(codeOf(() => checkArtifact(fixture('artifacts/nope.html')))).toBe('ARTIFACT_MISSING');
    expect(codeOf(() => checkArtifact(fixture('artifacts/empty.html')))).toBe('ARTIFACT_EMPTY');
    expect(codeOf(() => checkArtifact(fixture('artifacts/not-html.html')))).toBe('ARTIFACT_NOT_HTML');
  });
});
