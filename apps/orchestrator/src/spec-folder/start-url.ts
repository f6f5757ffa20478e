/** A quoted absolute URL a test navigates to: `page.goto('https://…')`. */
const GOTO_URL = /\.goto\(\s*(['"`])(https?:\/\/[^'"`\s]+)\1/g;

export interface UrlRewrite {
  file: string;
  line: number;
  from: string;
  to: string;
}

function withoutTrailingSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}

function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/**
 * The suite's start URL: the absolute URL its tests navigate to most often (the shortest of equals, which the
 * others extend: `…/todomvc` before `…/todomvc/#/active`), and the navigations to other sites, left as they are.
 */
export function findStartUrl(sources: readonly string[]): { url: string; others: string[] } | undefined {
  const counts = new Map<string, number>();
  for (const source of sources) {
    for (const match of source.matchAll(GOTO_URL)) {
      const url = match[2] ?? '';
      counts.set(url, (counts.get(url) ?? 0) + 1);
    }
  }
  const ranked = [...counts.entries()].sort(([a, countA], [b, countB]) => countB - countA || a.length - b.length);
  const url = ranked[0]?.[0];
  if (url === undefined) return undefined;
  const others = ranked.map(([other]) => other).filter((other) => origin(other) !== origin(url));
  return { url: withoutTrailingSlash(url), others };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Rewrites every quoted string that is the start URL, or the start URL followed by a path, query or hash, to the same
 * relative to `/` (`'https://demo.example/todomvc/#/active'` → `'/#/active'`): the judge serves the app at the
 * suite's baseURL. Nothing else in the file changes.
 */
export function rewriteStartUrl(text: string, startUrl: string, file: string): { text: string; rewrites: UrlRewrite[] } {
  const pattern = new RegExp(`(['"\`])${escapeRegExp(startUrl)}((?:[/?#][^'"\`\\s]*)?)\\1`, 'g');
  const rewrites: UrlRewrite[] = [];
  const rewritten = text.replace(pattern, (whole: string, quote: string, rest: string, offset: number) => {
    const relative = rest === '' ? '/' : rest.startsWith('/') ? rest : `/${rest}`;
    const to = `${quote}${relative}${quote}`;
    rewrites.push({ file, line: text.slice(0, offset).split('\n').length, from: whole, to });
    return to;
  });
  return { text: rewritten, rewrites };
}
