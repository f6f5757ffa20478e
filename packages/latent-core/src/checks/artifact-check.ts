import { parse as parseHtmlDocument } from 'parse5';
import { parseJavaScriptProgram } from './code-language.js';

interface LocatedNode {
  nodeName: string;
  childNodes?: LocatedNode[];
  attrs?: { name: string; value: string }[];
  value?: string;
  sourceCodeLocation?: { startTag?: unknown; startLine?: number } | null;
}

function* walk(node: LocatedNode): Generator<LocatedNode> {
  yield node;
  for (const child of node.childNodes ?? []) yield* walk(child);
}

function attribute(node: LocatedNode, name: string): string | undefined {
  return node.attrs?.find((attr) => attr.name === name)?.value;
}

const JAVASCRIPT_TYPES = new Set(['', 'text/javascript', 'application/javascript', 'module']);

/**
 * The generated artifact must be a real single-file app: a non-empty HTML document that states its
 * `<html>` and `<body>` (parse5 would invent them otherwise), with at least one inline `<script>`, and
 * every inline script must parse — a syntax error kills the whole app, and acorn finds it for free.
 */
export function checkArtifactHtml(html: string): string[] {
  if (html.trim() === '') return ['html is empty; write the complete HTML document'];
  const document = parseHtmlDocument(html, { sourceCodeLocationInfo: true }) as unknown as LocatedNode;
  const nodes = [...walk(document)];
  const issues: string[] = [];
  for (const tag of ['html', 'body']) {
    const element = nodes.find((node) => node.nodeName === tag);
    if (!element?.sourceCodeLocation?.startTag) issues.push(`the document has no <${tag}> tag; write a complete document with <html>, <head> and <body>`);
  }
  const inlineScripts = nodes.filter((node) => {
    if (node.nodeName !== 'script' || attribute(node, 'src') !== undefined) return false;
    return JAVASCRIPT_TYPES.has((attribute(node, 'type') ?? '').trim().toLowerCase());
  });
  const withCode = inlineScripts.filter((script) => (script.childNodes ?? []).some((child) => (child.value ?? '').trim() !== ''));
  if (withCode.length === 0) issues.push('the document has no inline <script> with code; put all JavaScript inline in <script> elements');
  for (const script of withCode) {
    const source = (script.childNodes ?? []).map((child) => child.value ?? '').join('');
    const sourceType = attribute(script, 'type')?.trim().toLowerCase() === 'module' ? 'module' : undefined;
    const result = parseJavaScriptProgram(source, sourceType);
    if ('error' in result) {
      const line = script.sourceCodeLocation?.startLine;
      issues.push(`the <script> starting at line ${line ?? '?'} has a JavaScript syntax error: ${result.error}`);
    }
  }
  return issues;
}
