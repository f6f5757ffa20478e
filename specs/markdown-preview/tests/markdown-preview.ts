// Helpers for the markdown preview specs: type into #source, read #preview back as canonical HTML.
import { expect, type AppUnderTest } from '@ndli/ralph/spec';

/** Replaces the whole source text (one `input` event, like a paste). */
export async function setSource(app: AppUnderTest, markdown: string): Promise<void> {
  app.record(`fill #source with ${JSON.stringify(markdown)}`);
  await app.page.locator('#source').fill(markdown);
}

/** Types at the end of the source, one key at a time. */
export async function typeInSource(app: AppUnderTest, text: string): Promise<void> {
  const source = app.page.locator('#source');
  await app.perform(`type ${JSON.stringify(text)} at the end of #source, key by key`, async () => {
    await source.focus();
    await app.page.keyboard.press('End');
    await source.pressSequentially(text);
  });
}

/**
 * `#preview` as canonical HTML built from its DOM, not from innerHTML: tags in lower case, only the
 * `href` attribute (on `a`), text escaped (`&amp; &lt; &gt;`, `&quot;` in href). Whitespace-only text
 * directly inside `#preview` or a `ul` is dropped; inside a block, whitespace runs are one space and the
 * block's content is trimmed. So `<p>\n  Hello <strong>you</strong>\n</p>` reads `<p>Hello <strong>you</strong></p>`.
 */
export async function readPreview(app: AppUnderTest): Promise<string> {
  return app.page.evaluate(() => {
    const preview = document.querySelector('#preview');
    if (!preview) return '<no #preview element>';
    const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const escapeAttribute = (text: string) => escapeText(text).replace(/"/g, '&quot;');
    const containers = new Set(['UL']);
    const blocks = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'P', 'LI', 'DIV', 'PRE', 'BLOCKQUOTE']);
    const serialize = (node: Node, parentIsContainer: boolean): string => {
      if (node.nodeType === Node.TEXT_NODE) {
        const text = node.textContent ?? '';
        if (parentIsContainer && text.trim() === '') return '';
        return escapeText(text.replace(/\s+/g, ' '));
      }
      if (!(node instanceof Element)) return '';
      const tag = node.tagName.toLowerCase();
      const href = tag === 'a' && node.hasAttribute('href') ? ` href="${escapeAttribute(node.getAttribute('href') ?? '')}"` : '';
      let inner = Array.from(node.childNodes, (child) => serialize(child, containers.has(node.tagName))).join('');
      if (blocks.has(node.tagName)) inner = inner.replace(/^ /, '').replace(/ $/, '');
      return `<${tag}${href}>${inner}</${tag}>`;
    };
    return Array.from(preview.childNodes, (child) => serialize(child, true)).join('');
  });
}

/** Asserts the whole preview, e.g. `<h1>Title</h1><p>Hello <strong>world</strong></p>`. */
export async function expectPreview(app: AppUnderTest, expected: string, message: string): Promise<void> {
  await expect
    .poll(() => readPreview(app), {
      message: `${message} — #preview read from its DOM as HTML (only tags, href and text; whitespace between blocks ignored)`,
    })
    .toBe(expected);
}

/** Sets the source and asserts the preview it must produce. */
export async function expectConversion(app: AppUnderTest, markdown: string, expected: string, rule: string): Promise<void> {
  await setSource(app, markdown);
  await expectPreview(app, expected, `After setting #source to ${JSON.stringify(markdown)} (${rule})`);
}
