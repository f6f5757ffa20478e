import { readFileSync } from 'node:fs';
import GithubSlugger from 'github-slugger';
import { Lexer, type Token, type Tokens } from 'marked';

/** What a Markdown page shows that can go stale: code (fenced blocks, inline spans), links, and its headings' anchors. */
export interface MarkdownDocument {
  path: string;
  /** Each fenced block of a shell language (or none), and each inline code span, as written. */
  code: { text: string; fenced: boolean }[];
  /** Link and image targets, as written (`../docs/loops.md#budgets`). */
  links: string[];
  /** The `#anchors` GitHub gives its headings. */
  anchors: Set<string>;
}

/** Fenced blocks in these languages hold commands; `ts`, `json` and the like hold code, not command lines. */
const SHELL_LANGUAGES = new Set(['', 'bash', 'sh', 'shell', 'console', 'zsh', 'text']);

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(?:lt|gt|amp|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** Child tokens of any token kind, tables and lists included (marked keeps them under different keys). */
function children(token: Token): Token[] {
  const found: Token[] = [];
  if ('tokens' in token && Array.isArray(token.tokens)) found.push(...(token.tokens as Token[]));
  if (token.type === 'list') found.push(...(token as Tokens.List).items);
  if (token.type === 'table') {
    const table = token as Tokens.Table;
    for (const cell of [...table.header, ...table.rows.flat()]) found.push(...cell.tokens);
  }
  return found;
}

/** The text a heading renders to, which is what GitHub makes its anchor from (no backticks, no link syntax). */
function plainText(tokens: readonly Token[]): string {
  return tokens
    .map((token) => {
      const nested = children(token);
      if (nested.length > 0) return plainText(nested);
      return 'text' in token && typeof token.text === 'string' ? decodeEntities(token.text) : '';
    })
    .join('');
}

export function parseMarkdown(path: string, text: string = readFileSync(path, 'utf8')): MarkdownDocument {
  const document: MarkdownDocument = { path, code: [], links: [], anchors: new Set() };
  const slugger = new GithubSlugger();
  const visit = (tokens: readonly Token[]): void => {
    for (const token of tokens) {
      if (token.type === 'code') {
        const block = token as Tokens.Code;
        if (SHELL_LANGUAGES.has((block.lang ?? '').trim())) document.code.push({ text: block.text, fenced: true });
      } else if (token.type === 'codespan') {
        document.code.push({ text: (token as Tokens.Codespan).text, fenced: false });
      } else if (token.type === 'link' || token.type === 'image') {
        document.links.push((token as Tokens.Link).href);
      } else if (token.type === 'heading') {
        document.anchors.add(slugger.slug(plainText((token as Tokens.Heading).tokens)));
      }
      visit(children(token));
    }
  };
  visit(new Lexer({ gfm: true }).lex(text));
  return document;
}
