import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseMarkdown, type MarkdownDocument } from './markdown-document.js';

/** Links that leave the repository (a scheme: https:, mailto:) are not checked here. */
function isExternal(href: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(href);
}

/** Each relative link of the documents that points at no file, or at a heading its target does not have. */
export function brokenLinks(documents: readonly MarkdownDocument[]): string[] {
  const parsed = new Map(documents.map((document) => [resolve(document.path), document]));
  const documentAt = (path: string): MarkdownDocument => {
    let document = parsed.get(path);
    if (!document) {
      document = parseMarkdown(path);
      parsed.set(path, document);
    }
    return document;
  };
  const problems: string[] = [];
  for (const document of documents) {
    for (const href of document.links) {
      if (isExternal(href)) continue;
      const hashAt = href.indexOf('#');
      const pathPart = decodeURIComponent(hashAt === -1 ? href : href.slice(0, hashAt));
      const anchor = hashAt === -1 ? undefined : decodeURIComponent(href.slice(hashAt + 1));
      const target = pathPart === '' ? resolve(document.path) : resolve(dirname(document.path), pathPart);
      if (!existsSync(target)) {
        problems.push(`${document.path}: ${href} — no such file`);
        continue;
      }
      if (anchor === undefined || anchor === '') continue;
      if (statSync(target).isDirectory() || !target.endsWith('.md')) {
        problems.push(`${document.path}: ${href} — an anchor into a file that is not Markdown`);
        continue;
      }
      if (!documentAt(target).anchors.has(anchor)) problems.push(`${document.path}: ${href} — no heading with that anchor in ${pathPart || 'this page'}`);
    }
  }
  return problems;
}
