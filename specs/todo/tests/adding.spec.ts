import { test, expect } from '@ndli/ralph/spec';
import { addWithButton, addWithEnter, counter, editInput, expectDone, item, newTodo, shownTexts, startEditWithButton } from './todo.js';

test.describe('Rule 1: adding', () => {
  test('Enter in #new-todo adds the trimmed text and clears the input', async ({ app }) => {
    await addWithEnter(app, '  buy milk  ');
    await expect(shownTexts(app), 'typed "  buy milk  " and pressed Enter: one item "buy milk" should be added (rule 1: text trimmed)').toHaveText(['buy milk']);
    await expect(newTodo(app), 'after adding an item with Enter, #new-todo should be cleared (rule 1)').toHaveValue('');
    await startEditWithButton(app, 0);
    await expect(editInput(app, 0), 'added "  buy milk  " then clicked its edit button: the edit input should hold exactly "buy milk" — the item text is trimmed when added (rules 1 and 8)').toHaveValue('buy milk');
  });

  test('clicking #add-todo adds the trimmed text and clears the input', async ({ app }) => {
    await addWithButton(app, ' call mom ');
    await expect(shownTexts(app), 'typed " call mom " and clicked #add-todo: one item "call mom" should be added (rule 1)').toHaveText(['call mom']);
    await expect(newTodo(app), 'after adding an item with #add-todo, #new-todo should be cleared (rule 1)').toHaveValue('');
  });

  test('new items are added at the end, oldest first', async ({ app }) => {
    await addWithEnter(app, 'first');
    await addWithButton(app, 'second');
    await addWithEnter(app, 'third');
    await expect(shownTexts(app), 'added "first" (Enter), "second" (#add-todo), "third" (Enter): the list should show them in that order (rule 1)').toHaveText(['first', 'second', 'third']);
  });

  test('text typed key by key into #new-todo is added with Enter', { tag: '@held-out' }, async ({ app }) => {
    app.record('type "buy milk" key by key into #new-todo');
    await newTodo(app).pressSequentially('buy milk');
    await expect(newTodo(app), 'typed "buy milk" key by key into #new-todo: the input should hold "buy milk" (only Enter adds; rule 1)').toHaveValue('buy milk');
    app.record('press Enter in #new-todo');
    await newTodo(app).press('Enter');
    await expect(shownTexts(app), 'typed "buy milk" key by key into #new-todo and pressed Enter: one item "buy milk" should be added (rule 1)').toHaveText(['buy milk']);
  });

  test('a new item is not done', async ({ app }) => {
    await addWithEnter(app, 'water plants');
    await expectDone(app, 0, false, 'added "water plants" (rule 1: a new item is not done)');
    await expect(counter(app), 'added one item: #todo-count should read "1 item left" (rules 1 and 7)').toHaveText('1 item left');
  });
});

test.describe('Rule 2: empty text is ignored', () => {
  test('Enter with an empty #new-todo adds nothing', async ({ app }) => {
    app.record('press Enter in the empty #new-todo');
    await newTodo(app).press('Enter');
    await addWithEnter(app, 'real');
    await expect(shownTexts(app), 'pressed Enter in the empty #new-todo, then added "real": only "real" should be listed (rule 2: empty text adds nothing)').toHaveText(['real']);
  });

  test('whitespace-only text adds nothing, with Enter or with #add-todo', async ({ app }) => {
    await addWithEnter(app, '    ');
    await addWithButton(app, ' \t  ');
    app.record('clear #new-todo');
    await newTodo(app).fill('');
    await addWithButton(app, 'real');
    await expect(shownTexts(app), 'tried to add "    " (Enter) and " \\t  " (#add-todo), then added "real": only "real" should be listed (rule 2: whitespace-only text adds nothing)').toHaveText(['real']);
    await expect(counter(app), 'only one real item was added: #todo-count should read "1 item left" (rules 2 and 7)').toHaveText('1 item left');
    expect(app.diagnostics.pageErrors, 'adding whitespace-only text with Enter and with #add-todo must raise no uncaught JavaScript error (Clarifications)').toEqual([]);
  });

  test('duplicate texts are allowed', { tag: '@held-out' }, async ({ app }) => {
    await addWithEnter(app, 'milk');
    await addWithEnter(app, 'milk');
    await expect(shownTexts(app), 'added "milk" twice: two items "milk" should be listed (rule 2: duplicates are allowed)').toHaveText(['milk', 'milk']);
    await expect(counter(app), 'two items not done: #todo-count should read "2 items left" (rule 7)').toHaveText('2 items left');
  });
});

test.describe('Rule 3: maximum length of 100 characters', () => {
  test('a 120-character text is cut to its first 100 characters, 100 characters are kept', async ({ app }) => {
    const long = '0123456789'.repeat(12);
    await addWithEnter(app, long);
    await expect(shownTexts(app), 'added a 120-character text ("0123456789" × 12): the item text should be its first 100 characters ("0123456789" × 10) (rule 3)').toHaveText(['0123456789'.repeat(10)]);
    const exact = 'abcdefghij'.repeat(10);
    await addWithButton(app, exact);
    await expect(shownTexts(app).nth(1), 'then added a text of exactly 100 characters: it should be kept whole (rule 3)').toHaveText(exact);
  });

  test('text is trimmed before it is cut', async ({ app }) => {
    await addWithEnter(app, `  ${'a'.repeat(120)}`);
    await expect(shownTexts(app), 'added two spaces followed by 120 × "a": the item text should be exactly 100 × "a" (trim first, then cut; rule 3 and Clarifications)').toHaveText(['a'.repeat(100)]);
  });
});

test.describe('Clarifications: trimming', () => {
  test('trimming removes whatever String.prototype.trim removes (tabs, no-break and wide spaces)', async ({ app }) => {
    await addWithEnter(app, '\u00a0\t tea\u3000\u00a0');
    await expect(shownTexts(app), 'added "\\u00a0\\t tea\\u3000\\u00a0": one item should be added (rule 1)').toHaveCount(1);
    await startEditWithButton(app, 0);
    await expect(editInput(app, 0), 'added "tea" surrounded by a tab, no-break spaces (U+00A0) and an ideographic space (U+3000), then clicked its edit button: the edit input should hold exactly "tea" (Clarifications: trimming removes what String.prototype.trim removes)').toHaveValue('tea');
  });

  test('whitespace inside the text is kept', { tag: '@held-out' }, async ({ app }) => {
    await addWithEnter(app, '  buy  fresh   milk ');
    await expect(shownTexts(app).first(), 'added "  buy  fresh   milk ": the item text should be "buy  fresh   milk", its inner spaces kept (Clarifications: whitespace inside the text is kept)').toHaveText(/^\s*buy {2}fresh {3}milk\s*$/);
    await startEditWithButton(app, 0);
    await expect(editInput(app, 0), 'added "  buy  fresh   milk " then clicked its edit button: the edit input should hold exactly "buy  fresh   milk" (Clarifications)').toHaveValue('buy  fresh   milk');
  });
});

test.describe('Rule 4: text is plain text', () => {
  test('markup in the text is shown literally, not interpreted', async ({ app }) => {
    await addWithEnter(app, '<b>bold</b> & <i>more</i>');
    await expect(shownTexts(app), 'added "<b>bold</b> & <i>more</i>": the item text should show the markup literally (rule 4)').toHaveText(['<b>bold</b> & <i>more</i>']);
    await expect(item(app, 0).locator('b, i'), 'added "<b>bold</b> & <i>more</i>": no <b> or <i> element should be created inside the item (rule 4: never interpreted as HTML)').toHaveCount(0);
  });
});

