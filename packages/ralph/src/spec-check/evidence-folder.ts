import { createHash } from 'node:crypto';

/**
 * The folder Playwright keeps a test's screenshot and trace in (its worker's naming, 1.65): path and titles with
 * punctuation runs turned into '-', long names cut around a hash of the cut string. Two tests whose titles differ
 * only in punctuation get one folder, and the second to start deletes the first one's evidence.
 */
export function evidenceFolder(test: { file: string; describePath: readonly string[]; title: string }): string {
  // eslint-disable-next-line no-control-regex
  const name = `${test.file.replace(/\.spec\.ts$/, '').replaceAll('/', '-')}-${[...test.describePath, test.title].join(' ').replace(/[\x00-\x2C\x2E-\x2F\x3A-\x40\x5B-\x60\x7B-\x7F]+/g, '-')}`;
  if (name.length <= 100) return name;
  const middle = `-${createHash('sha1').update(name).digest('hex').slice(0, 5)}-`;
  const start = Math.floor((100 - middle.length) / 2);
  return name.slice(0, start) + middle + name.slice(-(100 - middle.length - start));
}

/** Groups of tests (full titles) that would share one evidence folder, or one title; empty when all are apart. */
export function sharedEvidence(tests: readonly { file: string; describePath: readonly string[]; title: string }[]): string[][] {
  const byFolder = new Map<string, string[]>();
  for (const test of tests) {
    const folder = evidenceFolder(test);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), [...test.describePath, test.title].join(' › ')]);
  }
  return [...byFolder.values()].filter((titles) => titles.length > 1);
}
