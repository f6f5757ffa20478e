import { test, expect } from '@ndli/ralph/spec';
import { addAll, addWithEnter, clearCompleted, counter, expectDone, reload, remove, setFilter, shownTexts, startEditWithButton, toggle, typeInEdit } from './todo.js';

test.describe('Rule 11: persistence', () => {
  test('the first visit shows an empty list', async ({ app }) => {
    await expect(shownTexts(app), 'fresh page with empty storage: no items should be shown (rule 11)').toHaveCount(0);
    await expect(counter(app), 'fresh page with empty storage: #todo-count should read "0 items left" (rule 11)').toHaveText('0 items left');
  });

  test('items survive a reload, in order', async ({ app }) => {
    await addAll(app, ['a', 'b', 'c']);
    await reload(app);
    await expect(shownTexts(app), 'added "a", "b", "c" and reloaded: the list should be "a", "b", "c" (rule 11)').toHaveText(['a', 'b', 'c']);
    await expect(counter(app), 'added 3 items and reloaded: #todo-count should read "3 items left" (rule 11)').toHaveText('3 items left');
  });

  test('the done state survives a reload', async ({ app }) => {
    await addAll(app, ['a', 'b', 'c']);
    await toggle(app, 1);
    await expectDone(app, 1, true, 'added "a", "b", "c" and toggled "b"');
    await toggle(app, 2);
    await expectDone(app, 2, true, 'added "a", "b", "c" and toggled "b" and "c"');
    await toggle(app, 2);
    await expectDone(app, 2, false, 'then toggled "c" again');
    await reload(app);
    const context = 'added "a", "b", "c", toggled "b" done, toggled "c" done and back to not done, reloaded (rule 11)';
    await expect(shownTexts(app), `${context}: the list should be "a", "b", "c"`).toHaveText(['a', 'b', 'c']);
    await expectDone(app, 0, false, context);
    await expectDone(app, 1, true, context);
    await expectDone(app, 2, false, context);
    await expect(counter(app), `${context}: #todo-count should read "2 items left"`).toHaveText('2 items left');
  });

  test('a deletion survives a reload', async ({ app }) => {
    await addAll(app, ['a', 'b', 'c']);
    await remove(app, 0);
    await expect(shownTexts(app), 'added "a", "b", "c" and deleted "a" (rule 6)').toHaveText(['b', 'c']);
    await reload(app);
    await expect(shownTexts(app), 'added "a", "b", "c", deleted "a" and reloaded: the list should be "b", "c" (rule 11)').toHaveText(['b', 'c']);
  });

  test('an edit survives a reload', async ({ app }) => {
    await addAll(app, ['a', 'b']);
    await startEditWithButton(app, 1);
    await typeInEdit(app, 1, 'bee', 'Enter');
    await expect(shownTexts(app), 'edited "b" to "bee" and pressed Enter (rule 8)').toHaveText(['a', 'bee']);
    await reload(app);
    await expect(shownTexts(app), 'edited "b" to "bee" and reloaded: the list should be "a", "bee" (rule 11)').toHaveText(['a', 'bee']);
  });

  test('clear completed survives a reload', async ({ app }) => {
    await addAll(app, ['a', 'b', 'c']);
    await toggle(app, 0);
    await expectDone(app, 0, true, 'added "a", "b", "c" and toggled "a"');
    await toggle(app, 2);
    await expectDone(app, 2, true, 'added "a", "b", "c" and toggled "a" and "c"');
    await clearCompleted(app);
    await expect(shownTexts(app), 'toggled "a" and "c" done and cleared completed (rule 10)').toHaveText(['b']);
    await reload(app);
    await expect(shownTexts(app), 'toggled "a" and "c" done, cleared completed and reloaded: the list should be "b" (rule 11)').toHaveText(['b']);
  });

  test('the filter is not saved: a reload starts with all', async ({ app }) => {
    await addAll(app, ['a', 'b']);
    await toggle(app, 0);
    await setFilter(app, 'completed');
    await expect(shownTexts(app), 'added "a", "b", toggled "a" done and chose filter "completed": only "a" should be shown (rule 9)').toHaveText(['a']);
    await reload(app);
    await expect(app.page.locator('[data-filter="all"]'), 'chose filter "completed" and reloaded: [data-filter="all"] should have aria-pressed="true" (rule 11: the filter is not saved)').toHaveAttribute('aria-pressed', 'true');
    await expect(shownTexts(app), 'chose filter "completed" and reloaded: both items "a", "b" should be shown (rule 11)').toHaveText(['a', 'b']);
  });

  test('after a reload, further changes are saved too', { tag: '@held-out' }, async ({ app }) => {
    await addAll(app, ['a', 'b']);
    await reload(app);
    await addWithEnter(app, 'c');
    await addWithEnter(app, 'd');
    await expect(shownTexts(app), 'added "a", "b", reloaded, added "c" and "d": the list should be "a", "b", "c", "d" (rules 1 and 11)').toHaveText(['a', 'b', 'c', 'd']);
    await toggle(app, 2);
    await expectDone(app, 2, true, 'added "c" after a reload and toggled it (rule 5)');
    await toggle(app, 0);
    await expectDone(app, 0, true, 'then toggled "a"');
    await reload(app);
    const context = 'added "a", "b", reloaded, added "c", "d", toggled "c" and "a", reloaded (rule 11)';
    await expect(shownTexts(app), `${context}: the list should be "a", "b", "c", "d"`).toHaveText(['a', 'b', 'c', 'd']);
    await expectDone(app, 0, true, context);
    await expectDone(app, 1, false, context);
    await expectDone(app, 2, true, context);
    await expectDone(app, 3, false, context);
    await expect(counter(app), `${context}: #todo-count should read "2 items left"`).toHaveText('2 items left');
  });
});
