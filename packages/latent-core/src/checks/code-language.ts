import { parse as parseJavaScript, type Options as AcornOptions, type Program } from 'acorn';
import { parseFragment } from 'parse5';

/**
 * Tells code from prose: a model that cannot solve a task tends to "solve" it with a sentence.
 * Code is JavaScript acorn parses (as script or module, or as a class/object member fragment),
 * HTML made of real elements, or CSS rules. Anything else — plain English above all — is not code.
 */
export type CodeLanguage = 'javascript' | 'html' | 'css';

const ACORN_BASE: AcornOptions = {
  ecmaVersion: 'latest',
  allowReturnOutsideFunction: true,
  allowAwaitOutsideFunction: true,
  allowHashBang: true,
};

/** Parses JavaScript as a script, then as a module; returns the program or the first syntax error. */
export function parseJavaScriptProgram(source: string, sourceType?: 'script' | 'module'): { program: Program } | { error: string } {
  let firstError = '';
  for (const type of sourceType ? [sourceType] : (['script', 'module'] as const)) {
    try {
      return { program: parseJavaScript(source, { ...ACORN_BASE, sourceType: type }) };
    } catch (error) {
      if (firstError === '') firstError = error instanceof Error ? error.message : String(error);
    }
  }
  return { error: firstError };
}

/**
 * A program that is only comments, or only bare strings/identifiers ("Use Math.pow here" in quotes
 * parses as a string statement), holds no code.
 */
function hasRealStatements(program: Program): boolean {
  return program.body.some(
    (statement) =>
      statement.type !== 'EmptyStatement' &&
      !(statement.type === 'ExpressionStatement' && (statement.expression.type === 'Literal' || statement.expression.type === 'Identifier')),
  );
}

function isJavaScript(text: string): boolean {
  const whole = parseJavaScriptProgram(text);
  if ('program' in whole) return hasRealStatements(whole.program);
  // Models often write methods or object members on their own: accept them inside a class or object.
  for (const wrapped of [`class Fragment {\n${text}\n}`, `({\n${text}\n})`]) {
    const attempt = parseJavaScriptProgram(wrapped, 'script');
    if ('program' in attempt) return true;
  }
  return false;
}

/** Every standard HTML element name a calculator-like app plausibly uses, and then some. */
const HTML_ELEMENTS = new Set(
  (
    'html head body title meta link style script noscript template div span p a button input label select option textarea form ' +
    'fieldset legend output table thead tbody tfoot tr td th caption colgroup col ul ol li dl dt dd h1 h2 h3 h4 h5 h6 header footer ' +
    'main nav section article aside figure figcaption img svg canvas audio video source picture br hr pre code strong em b i u small ' +
    'sub sup kbd samp var mark time abbr details summary dialog progress meter iframe'
  ).split(' '),
);

interface HtmlNode {
  nodeName: string;
  childNodes?: HtmlNode[];
}

function countKnownElements(node: HtmlNode): number {
  const own = HTML_ELEMENTS.has(node.nodeName) ? 1 : 0;
  return own + (node.childNodes ?? []).reduce((total, child) => total + countKnownElements(child), 0);
}

function isHtml(text: string): boolean {
  const trimmed = text.trim();
  // Prose mentioning a tag ("Use a <div> for the display") parses as HTML too; real markup starts and ends with a tag.
  if (!trimmed.startsWith('<') || !trimmed.endsWith('>')) return false;
  if (/^<!doctype html/i.test(trimmed)) return true;
  const fragment = parseFragment(trimmed) as unknown as HtmlNode;
  return countKnownElements(fragment) > 0;
}

const CSS_DECLARATION = /^\s*(--[\w-]+|-?[a-zA-Z][\w-]*)\s*:\s*[^;]+;?\s*$/;

function isCss(text: string): boolean {
  const source = text.replace(/\/\*[\s\S]*?\*\//g, '').trim();
  if (!source.includes('{')) return false;
  let depth = 0;
  let blocks = 0;
  let buffer = '';
  for (const character of source) {
    if (character === '{') {
      // A selector or at-rule prelude: no sentence punctuation of prose.
      if (depth === 0 && /[.!?]\s+[A-Za-z]/.test(buffer.trim()) && !buffer.trim().startsWith('@')) return false;
      depth += 1;
      buffer = '';
    } else if (character === '}') {
      if (depth === 0) return false;
      const declarations = buffer.split(';').map((part) => part.trim()).filter((part) => part !== '');
      if (declarations.some((declaration) => !CSS_DECLARATION.test(declaration))) return false;
      if (declarations.length > 0) blocks += 1;
      depth -= 1;
      buffer = '';
    } else {
      buffer += character;
    }
  }
  return depth === 0 && blocks > 0 && buffer.trim() === '';
}

/** The language `text` is code in, or undefined when it is not code (prose, pseudo-code, a plan). */
export function detectCodeLanguage(text: string): CodeLanguage | undefined {
  if (text.trim() === '') return undefined;
  if (isHtml(text)) return 'html';
  if (isCss(text)) return 'css';
  if (isJavaScript(text)) return 'javascript';
  return undefined;
}
