// Helpers for the markdown preview specs: type into #source, read #preview back as canonical HTML.
import { expect, PAGE_ACTIVITY_GLOBAL, type AppUnderTest } from '@ndli/ralph/spec';

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
    // Adjacent text nodes are read as one text (an app may split text into several nodes), then whitespace runs
    // become one space.
    const serializeChildren = (parent: Node, isContainer: boolean): string => {
      let html = '';
      let text = '';
      const flushText = (): void => {
        if (!(isContainer && text.trim() === '')) html += escapeText(text.replace(/\s+/g, ' '));
        text = '';
      };
      for (const child of Array.from(parent.childNodes)) {
        if (child.nodeType === Node.TEXT_NODE) text += child.textContent ?? '';
        else if (child instanceof Element) {
          flushText();
          html += serializeElement(child);
        }
      }
      flushText();
      return html;
    };
    const serializeElement = (element: Element): string => {
      const tag = element.tagName.toLowerCase();
      const href = tag === 'a' && element.hasAttribute('href') ? ` href="${escapeAttribute(element.getAttribute('href') ?? '')}"` : '';
      let inner = serializeChildren(element, containers.has(element.tagName));
      if (blocks.has(element.tagName)) inner = inner.replace(/^ /, '').replace(/ $/, '');
      return `<${tag}${href}>${inner}</${tag}>`;
    };
    return serializeChildren(preview, true);
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

/** How long a page that keeps something scheduled (an interval, say) may take before its preview counts as shown. */
const SETTLE_LIMIT_MS = 500;

/**
 * Waits until the page has had the chance to show the result of the last action (or of its load): two animation
 * frames, then until nothing it scheduled (timer, frame, request; ralph's probe) is pending, at most SETTLE_LIMIT_MS.
 * Needed before checking a preview that equals the one shown before: an auto-retrying check would pass on the old
 * preview before an app that renders in a frame or after a timeout has shown the new one.
 */
export async function settle(app: AppUnderTest): Promise<void> {
  await app.page.evaluate(
    ({ probe, limitMs }) =>
      new Promise<void>((resolve) => {
        const started = performance.now();
        const check = (): void => {
          const nothingScheduled: unknown = Reflect.get(window, probe);
          const idle = typeof nothingScheduled === 'function' && nothingScheduled() === true;
          if (idle || performance.now() - started >= limitMs) resolve();
          else setTimeout(check, 20);
        };
        requestAnimationFrame(() => requestAnimationFrame(check));
      }),
    { probe: PAGE_ACTIVITY_GLOBAL, limitMs: SETTLE_LIMIT_MS },
  );
}

/** The trimmed text of each heading, paragraph and list item in `#preview`, in document order (whitespace as is). */
export async function readBlockTexts(app: AppUnderTest): Promise<string[]> {
  return app.page.evaluate(() => Array.from(document.querySelectorAll('#preview h1, #preview h2, #preview h3, #preview p, #preview li'), (block) => (block.textContent ?? '').trim()));
}
