import { parse } from 'shell-quote';

/** Stands for a `<placeholder>` of a documented command line: any value fits it. */
export const PLACEHOLDER = '‹placeholder›';

/** One `ndli …` invocation shown in the docs: its words after `ndli`. */
export interface ShownInvocation {
  text: string;
  words: string[];
}

/** How a line may start the CLI: installed (`ndli`), inside the repository (`pnpm ndli`), or through npx. */
const LAUNCHERS = [['ndli'], ['pnpm', 'ndli'], ['npx', 'ndli'], ['pnpm', 'exec', 'ndli']];

/** A word that stands for values rather than being one: `<spec>`, `…`, `N`, `$PWD/x`. */
export function isPlaceholder(word: string): boolean {
  return word.includes(PLACEHOLDER) || word.includes('…') || word.includes('...') || word.includes('$') || /^[A-Z][A-Z0-9_]*$/.test(word);
}

/**
 * The `ndli` invocations in a piece of shell text: each command of each line (split at `&&`, `;`, `|`, `&`), after
 * environment assignments and a `$ ` prompt, up to a `#` comment. `<placeholders>` and `[optional…]` parts are kept
 * as placeholders, since the shell would read `<` as a redirection.
 */
export function ndliInvocations(text: string): ShownInvocation[] {
  const invocations: ShownInvocation[] = [];
  const lines = text.replace(/\\\n/g, ' ').split('\n');
  for (const rawLine of lines) {
    const line = rawLine.replace(/^\s*\$\s+/, '').replace(/<[^<>\n]*>/g, PLACEHOLDER).replace(/\[[^[\]\n]*…\]/g, PLACEHOLDER);
    let segment: string[] = [];
    const finish = (): void => {
      const words = segment;
      segment = [];
      let start = 0;
      while (start < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[start] ?? '')) start += 1;
      for (const launcher of LAUNCHERS) {
        if (launcher.every((word, index) => words[start + index] === word)) {
          invocations.push({ text: rawLine.trim(), words: words.slice(start + launcher.length) });
          return;
        }
      }
    };
    for (const entry of parse(line, (name) => `$${name}`)) {
      if (typeof entry === 'string') segment.push(entry);
      else if ('comment' in entry) break;
      else if ('pattern' in entry) segment.push(entry.pattern);
      else finish();
    }
    finish();
  }
  return invocations;
}
