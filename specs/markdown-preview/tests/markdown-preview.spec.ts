import { test, expect } from '@ndli/ralph/spec';
import { expectConversion, expectPreview, readBlockTexts, setSource, settle, typeInSource } from './markdown-preview.js';

test.describe('Rule 1: live update', () => {
  test('the preview starts empty', async ({ app }) => {
    await expect(app.page.locator('#source'), 'On load #source must be an empty textarea (contract)').toHaveValue('');
    // Settled first: a placeholder drawn on a later frame would otherwise come after an empty preview passed.
    await settle(app);
    await expectPreview(app, '', 'On load, with an empty #source, #preview must be empty (contract)');
  });

  test('the preview follows each keystroke', async ({ app }) => {
    await typeInSource(app, '# Hi');
    await expectPreview(app, '<h1>Hi</h1>', 'After typing "# Hi" key by key into #source (rule 1: every input event updates the preview)');
    await typeInSource(app, '!');
    await expectPreview(app, '<h1>Hi!</h1>', 'After then typing "!" (rule 1)');
    app.record('press Backspace 5 times in #source');
    for (let count = 0; count < 5; count += 1) await app.page.keyboard.press('Backspace');
    await expectPreview(app, '', 'After deleting every character with Backspace (rule 1; contract: empty source → empty preview)');
  });

  test('replacing the text replaces the preview', { tag: '@held-out' }, async ({ app }) => {
    await setSource(app, 'first');
    await expectPreview(app, '<p>first</p>', 'After setting #source to "first" (rule 2)');
    await setSource(app, 'second');
    await expectPreview(app, '<p>second</p>', 'After replacing #source with "second" (rule 1: the preview shows only the current source)');
  });

  test('a blank source gives an empty preview', async ({ app }) => {
    // Text first, so the empty preview checked below is the blank source's, not the one left from the load.
    await expectConversion(app, 'text', '<p>text</p>', 'rule 2');
    await expectConversion(app, ' \n\n  \n', '', 'contract: empty or blank source → empty #preview; rule 2: blank lines produce nothing');
  });
});

test.describe('Rule 2: lines and paragraphs', () => {
  test('a line of text is a paragraph', async ({ app }) => {
    await expectConversion(app, 'Hello world', '<p>Hello world</p>', 'rule 2');
  });

  test('consecutive lines join into one paragraph with single spaces', async ({ app }) => {
    await expectConversion(app, 'Hello\nworld\n  again  ', '<p>Hello world again</p>', 'rule 2: lines are trimmed and joined with one space, no <br>');
  });

  test('blank lines separate paragraphs, however many there are', async ({ app }) => {
    await expectConversion(app, 'One\n\nTwo\n\n\n   \nThree', '<p>One</p><p>Two</p><p>Three</p>', 'rule 2: blank or whitespace-only lines separate blocks, several count as one');
  });

  test('blank lines at the start and end produce nothing', { tag: '@held-out' }, async ({ app }) => {
    await expectConversion(app, '\n\n  Text  \n\n', '<p>Text</p>', 'rule 2');
  });
});

test.describe('Rule 3: headings', () => {
  test('one, two and three hashes give h1, h2 and h3', async ({ app }) => {
    await expectConversion(app, '# One\n## Two\n### Three', '<h1>One</h1><h2>Two</h2><h3>Three</h3>', 'rule 3: each heading is one line');
  });

  test('heading text is trimmed and keeps inner hashes', { tag: '@held-out' }, async ({ app }) => {
    await expectConversion(app, '#   Title #2  ', '<h1>Title #2</h1>', 'rule 3: the content is the rest of the line, trimmed');
  });

  test('a heading ends a paragraph and the next line starts a new block', async ({ app }) => {
    await expectConversion(app, 'Intro\n# Title\nText', '<p>Intro</p><h1>Title</h1><p>Text</p>', 'rule 3: a heading ends any block before it and is only one line');
  });

  test('four hashes, a missing space, a lone hash or indentation are not headings', async ({ app }) => {
    await expectConversion(app, '#### Four\n\n#Title\n\n#\n\n  # Indented', '<p>#### Four</p><p>#Title</p><p>#</p><p># Indented</p>', 'rule 3: only #, ## or ### at the first character followed by a space and text');
  });
});

test.describe('Rule 3 and 4: markers without text', () => {
  test('a hash or dash followed only by spaces is paragraph text', async ({ app }) => {
    await expectConversion(app, '#   \n\n##  \n\n-   ', '<p>#</p><p>##</p><p>-</p>', 'rule 3: a heading needs at least one non-space character after the space; rule 4: so does a list item');
  });
});

test.describe('Rule 4: lists', () => {
  test('consecutive dash lines form one list', async ({ app }) => {
    await expectConversion(app, '- apples\n- pears\n-   plums  ', '<ul><li>apples</li><li>pears</li><li>plums</li></ul>', 'rule 4: one <ul>, one trimmed <li> per line');
  });

  test('a paragraph line or a heading ends the list', async ({ app }) => {
    await expectConversion(app, '- a\n- b\ntext\n- c\n## H', '<ul><li>a</li><li>b</li></ul><p>text</p><ul><li>c</li></ul><h2>H</h2>', 'rule 4: a non-list line ends the list');
  });

  test('a blank line between items starts a new list', async ({ app }) => {
    await expectConversion(app, '- a\n\n- b', '<ul><li>a</li></ul><ul><li>b</li></ul>', 'rule 4: a blank line ends the list');
  });

  test('a list item line ends a paragraph', { tag: '@held-out' }, async ({ app }) => {
    await expectConversion(app, 'Shopping:\n- milk', '<p>Shopping:</p><ul><li>milk</li></ul>', 'rule 2 and rule 4: a list item line is not a paragraph line');
  });

  test('other bullets, numbers, a missing space or indentation are not list items', async ({ app }) => {
    await expectConversion(app, '-item\n\n* star\n\n+ plus\n\n1. one\n\n-\n\n  - indented', '<p>-item</p><p>* star</p><p>+ plus</p><p>1. one</p><p>-</p><p>- indented</p>', 'rule 4: only "- " at the first character followed by text');
  });
});

test.describe('Rule 5: inline formatting', () => {
  test('backticks make code', async ({ app }) => {
    await expectConversion(app, 'Run `npm test` now', '<p>Run <code>npm test</code> now</p>', 'rule 5.1');
  });

  test('nothing inside code is formatted', async ({ app }) => {
    await expectConversion(app, '`**a** *b* [c](https://c.io)`', '<p><code>**a** *b* [c](https://c.io)</code></p>', 'rule 5.1: code contents are plain text');
  });

  test('double stars make bold and single stars make italic', async ({ app }) => {
    await expectConversion(app, '**bold** and *italic*', '<p><strong>bold</strong> and <em>italic</em></p>', 'rule 5.3 and 5.4');
  });

  test('bold may contain italic', async ({ app }) => {
    await expectConversion(app, '**bold *and* more**', '<p><strong>bold <em>and</em> more</strong></p>', 'rule 5.3: bold content is formatted too');
  });

  test('italic works inside a word', { tag: '@held-out' }, async ({ app }) => {
    await expectConversion(app, 'a*b*c', '<p>a<em>b</em>c</p>', 'rule 5.4: no word-boundary condition');
  });

  test('unmatched markers stay as typed', async ({ app }) => {
    await expectConversion(app, '2 * 3 = 6\n\n**not closed\n\n`open\n\n****', '<p>2 * 3 = 6</p><p>**not closed</p><p>`open</p><p>****</p>', 'rule 5; clarifications: unmatched or empty markers are plain text');
  });

  test('bold closes at the first double star', async ({ app }) => {
    await expectConversion(app, '**a**b**', '<p><strong>a</strong>b**</p>', 'rule 5.3: the closing ** is the first ** after the opening one');
  });

  test('underscores and other markdown are plain text', async ({ app }) => {
    await expectConversion(app, 'snake_case_name and _under_ and ~~strike~~\n\n> quote', '<p>snake_case_name and _under_ and ~~strike~~</p><p>&gt; quote</p>', 'clarifications: only the markers of rules 3-5 have a meaning');
  });

  test('formatting works in headings and list items', async ({ app }) => {
    await expectConversion(app, '## A *b* `c`\n- **d** [e](https://e.io)', '<h2>A <em>b</em> <code>c</code></h2><ul><li><strong>d</strong> <a href="https://e.io">e</a></li></ul>', 'rule 5: inline rules apply to headings, paragraphs and list items');
  });
});

test.describe('Rule 5.2: links', () => {
  test('an https link becomes an anchor with that href', async ({ app }) => {
    await expectConversion(app, 'See [the site](https://example.com/docs?page=2) now', '<p>See <a href="https://example.com/docs?page=2">the site</a> now</p>', 'rule 5.2');
  });

  test('an http link becomes an anchor and its text is formatted', async ({ app }) => {
    await expectConversion(app, '[**big** news](http://example.com/n)', '<p><a href="http://example.com/n"><strong>big</strong> news</a></p>', 'rule 5.2: link text follows the inline rules');
  });

  test('a javascript: link is not a link and stays as typed', async ({ app }) => {
    await expectConversion(app, '[x](javascript:alert(1))', '<p>[x](javascript:alert(1))</p>', 'rule 5.2: only http:// and https:// URLs make links; security');
  });

  test('relative, mailto and ftp links are not links', { tag: '@held-out' }, async ({ app }) => {
    await expectConversion(app, '[a](/local) [b](mailto:me@x.io) [c](ftp://x.io/f) [d](www.x.io)', '<p>[a](/local) [b](mailto:me@x.io) [c](ftp://x.io/f) [d](www.x.io)</p>', 'rule 5.2: only URLs starting with http:// or https:// make links');
  });

  test('link text must be non-empty and hold no bracket, the URL non-empty', async ({ app }) => {
    await expectConversion(app, '[](https://x.io) [a[b](https://x.io/b) [c]()', '<p>[](https://x.io) [a<a href="https://x.io/b">b</a> [c]()</p>', 'rule 5.2: text is one or more characters without [ or ], the URL one or more characters; the scan goes on after a [ that starts no link');
  });

  test('only lowercase http:// and https:// make links', async ({ app }) => {
    await expectConversion(app, '[a](HTTPS://x.io) [b](Http://x.io) [c](https:x.io)', '<p>[a](HTTPS://x.io) [b](Http://x.io) [c](https:x.io)</p>', 'rule 5.2: the URL must start with http:// or https:// (lowercase)');
  });

  test('a link that is not http or https stays as typed, its text unformatted', async ({ app }) => {
    await expectConversion(app, '[*a* `b`](ftp://x.io) **c**', '<p>[*a* `b`](ftp://x.io) <strong>c</strong></p>', 'rule 5.2: otherwise the whole [text](URL) stays as typed, as plain text, and the scan continues after it');
  });

  test('a URL with a space is not a link', async ({ app }) => {
    await expectConversion(app, '[a](https://x.io/a b)', '<p>[a](https://x.io/a b)</p>', 'rule 5.2: the URL has no whitespace');
  });
});

test.describe('Rule 6: everything else is text (security)', () => {
  test('a script tag is shown as text and creates no element', async ({ app }) => {
    await expectConversion(app, '<script>window.__mdInjected = 1</script>', '<p>&lt;script&gt;window.__mdInjected = 1&lt;/script&gt;</p>', 'rule 6: < and > are text; no element may be created from the source');
    const injected = await app.page.evaluate(() => (window as unknown as { __mdInjected?: unknown }).__mdInjected);
    expect(injected, 'Typing a <script> tag into #source must not run it (rule 6: security)').toBeUndefined();
  });

  test('an image with an event handler is shown as text and runs nothing', async ({ app }) => {
    await expectConversion(app, '<img src="x" onerror="window.__mdInjected = 1"> and <b>hi</b>', '<p>&lt;img src="x" onerror="window.__mdInjected = 1"&gt; and &lt;b&gt;hi&lt;/b&gt;</p>', 'rule 6: HTML in the source is shown as text');
    const injected = await app.page.evaluate(() => (window as unknown as { __mdInjected?: unknown }).__mdInjected);
    expect(injected, 'An <img onerror> typed into #source must not run its handler (rule 6: security)').toBeUndefined();
  });

  test('ampersands, quotes and entities are shown as typed', async ({ app }) => {
    await expectConversion(app, `Tom & Jerry say "hi" it's &lt; &amp;`, `<p>Tom &amp; Jerry say "hi" it's &amp;lt; &amp;amp;</p>`, 'rule 6: & " \' are plain characters; "&lt;" is shown as the four characters &lt;');
  });

  test('HTML inside formatting and code is text too', { tag: '@held-out' }, async ({ app }) => {
    await expectConversion(app, '**<i>x</i>** `<b>y</b>`', '<p><strong>&lt;i&gt;x&lt;/i&gt;</strong> <code>&lt;b&gt;y&lt;/b&gt;</code></p>', 'rule 6: inside bold and code, tags are text');
  });

  test('a quote in a link URL cannot break out of the href', async ({ app }) => {
    await expectConversion(app, '[q](https://example.com/?a=1&b="x"onmouseover="window.__mdInjected=1">)', '<p><a href="https://example.com/?a=1&amp;b=&quot;x&quot;onmouseover=&quot;window.__mdInjected=1&quot;&gt;">q</a></p>', 'rule 6: the href is exactly the URL as typed; no attribute may come from the source');
    const handlers = await app.page.evaluate(() =>
      Array.from(document.querySelectorAll('#preview *')).flatMap((element) =>
        element.getAttributeNames().filter((name) => name.startsWith('on')),
      ),
    );
    expect(handlers, 'No element inside #preview may get an on… event handler attribute from the source (rule 6: security)').toEqual([]);
  });
});

test.describe('Whole document', () => {
  test('a document using every rule converts block by block', { tag: '@held-out' }, async ({ app }) => {
    const markdown = [
      '# Release notes',
      '',
      'Version **2.0** is *out*.',
      'Read it [here](https://example.com/v2).',
      '',
      '## Changes',
      '- faster `build`',
      '- fixed <bugs> & more',
      '',
      '',
      'Thanks!',
    ].join('\n');
    await setSource(app, markdown);
    await expectPreview(
      app,
      '<h1>Release notes</h1>' +
        '<p>Version <strong>2.0</strong> is <em>out</em>. Read it <a href="https://example.com/v2">here</a>.</p>' +
        '<h2>Changes</h2>' +
        '<ul><li>faster <code>build</code></li><li>fixed &lt;bugs&gt; &amp; more</li></ul>' +
        '<p>Thanks!</p>',
      `After setting #source to ${JSON.stringify(markdown)} (rules 2-6 together)`,
    );
  });

  test('the page makes no network requests and raises no errors', async ({ app }) => {
    await setSource(app, '# T\n\n[l](https://example.com/x.png) <img src="https://example.com/y.png">');
    await expectPreview(app, '<h1>T</h1><p><a href="https://example.com/x.png">l</a> &lt;img src="https://example.com/y.png"&gt;</p>', 'After setting a source with a link and an <img> tag (rules 5.2 and 6)');
    expect(app.diagnostics.blockedRequests, 'The page must not request any URL: everything is inline, and source text never loads anything (rule 6)').toEqual([]);
    expect(app.diagnostics.pageErrors, 'Converting markdown must raise no uncaught JavaScript errors').toEqual([]);
  });
});

test.describe('Clarifications', () => {
  test('rules, images, tables and backslash escapes stay as typed', async ({ app }) => {
    await expectConversion(app, '---\n\n![logo](logo.png)\n\n| a | b |\n\n\\*x\\*', '<p>---</p><p>![logo](logo.png)</p><p>| a | b |</p><p>\\<em>x\\</em></p>', 'clarifications: ---, images, tables and backslash escapes are not supported; \\*x\\* shows \\ then <em>x\\</em>');
  });

  test('unmatched and empty markers are plain text', async ({ app }) => {
    await expectConversion(app, '[text](\n\n``\n\na ** b', '<p>[text](</p><p>``</p><p>a ** b</p>', 'clarifications: an unmatched marker, an empty code span and a * pair around nothing are plain text');
  });

  test('bold is tried before italic at the same position', async ({ app }) => {
    await expectConversion(app, '***x***\n\n**`**`**', '<p><strong>*x</strong>*</p><p><strong>`</strong>`**</p>', 'clarifications: ***x*** → <strong>*x</strong>*; **`**`** → <strong>`</strong>`** (the first ** after the opening one closes the bold, even inside backticks)');
  });

  test('whitespace inside a line is kept as typed', async ({ app }) => {
    const markdown = '  a   b  *c   d*  \n- x    `y  z`\n# h   i  ';
    await setSource(app, markdown);
    await expectPreview(app, '<p>a b <em>c d</em></p><ul><li>x <code>y z</code></li></ul><h1>h i</h1>', `After setting #source to ${JSON.stringify(markdown)} (rules 2-5)`);
    await expect
      .poll(() => readBlockTexts(app), { message: `After setting #source to ${JSON.stringify(markdown)}: the text of each block should keep the spaces inside its line (clarifications: only leading and trailing whitespace is trimmed)` })
      .toEqual(['a   b  c   d', 'x    y  z', 'h   i']);
  });
});
