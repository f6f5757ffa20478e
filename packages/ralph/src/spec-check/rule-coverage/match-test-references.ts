/** How a test reference of coverage.json resolves against the suite's full titles (`describe › … › title`). */
export type ReferenceMatch = { kind: 'one'; title: string } | { kind: 'none' } | { kind: 'many'; titles: string[] };

/** A reference names the tests whose full title (without the file name) ends with it; it must name exactly one. */
export function matchTestReference(reference: string, titles: readonly string[]): ReferenceMatch {
  const matches = titles.filter((title) => title.endsWith(reference));
  const [first] = matches;
  if (first === undefined) return { kind: 'none' };
  if (matches.length === 1) return { kind: 'one', title: first };
  return { kind: 'many', titles: matches };
}
