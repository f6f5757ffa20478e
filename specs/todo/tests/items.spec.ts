import { test, expect } from '@ndli/ralph/spec';
import { addAll, clearCompleted, counter, expectDone, remove, setFilter, shownTexts, toggle } from './todo.js';

test.describe('Rule 5: toggling', () => {
  test('clicking the toggle flips the item between done and not done', async ({ app }) => {
    await addAll(app, ['read']);
    await toggle(app, 0);
    await expectDone(app, 0, true, 'added "read" and clicked its toggle (rule 5: it becomes done)');
    await toggle(app, 0);
    await expectDone(app, 0, false, 'added "read" and clicked its toggle twice (rule 5: it is not done again)');
  });

  test('toggling one item leaves the others unchanged', { tag: '@held-out' }, async ({ app }) => {
    await addAll(app, ['a', 'b', 'c']);
    await toggle(app, 1);
    const context = 'added "a", "b", "c" and toggled "b" (rule 5)';
    await expectDone(app, 0, false, context);
    await expectDone(app, 1, true, context);
    await expectDone(app, 2, false, context);
    await expect(shownTexts(app), `${context}: the list should still be "a", "b", "c" in order`).toHaveText(['a', 'b', 'c']);
  });
});

test.describe('Rule 6: deleting', () => {
  test('delete removes exactly that item and keeps the order of the others', async ({ app }) => {
    await addAll(app, ['a', 'b', 'c']);
    await remove(app, 1);
    await expect(shownTexts(app), 'added "a", "b", "c" and deleted "b": the list should be "a", "c" (rule 6)').toHaveText(['a', 'c']);
    expect(app.diagnostics.dialogs, 'deleting must act at once, asking nothing with alert/confirm/prompt (Clarifications)').toEqual([]);
  });

  test('deleting the only item leaves an empty list', { tag: '@held-out' }, async ({ app }) => {
    await addAll(app, ['only']);
    await remove(app, 0);
    await expect(shownTexts(app), 'added "only" and deleted it: the list should be empty (rule 6)').toHaveCount(0);
    await expect(counter(app), 'the list is empty: #todo-count should read "0 items left" (rule 7)').toHaveText('0 items left');
  });
});

test.describe('Rule 7: counter', () => {
  test('with no items the counter reads "0 items left"', async ({ app }) => {
    await expect(counter(app), 'fresh page with no items: #todo-count should read "0 items left" (rule 7)').toHaveText('0 items left');
  });

  test('one item not done reads "1 item left" (singular)', async ({ app }) => {
    await addAll(app, ['one']);
    await expect(counter(app), 'one item not done: #todo-count should read exactly "1 item left" (rule 7: singular for 1)').toHaveText('1 item left');
  });

  test('3 items with 1 done reads "2 items left"', async ({ app }) => {
    await addAll(app, ['a', 'b', 'c']);
    await expect(counter(app), 'three items not done: #todo-count should read "3 items left" (rule 7)').toHaveText('3 items left');
    await toggle(app, 0);
    await expect(counter(app), 'three items, "a" done: #todo-count should read "2 items left" (rule 7: counts items not done)').toHaveText('2 items left');
  });

  test('2 items both done reads "0 items left"', { tag: '@held-out' }, async ({ app }) => {
    await addAll(app, ['a', 'b']);
    await toggle(app, 0);
    await expectDone(app, 0, true, 'added "a", "b" and toggled "a"');
    await toggle(app, 1);
    await expect(counter(app), 'two items, both toggled done: #todo-count should read "0 items left" (rule 7: plural for 0)').toHaveText('0 items left');
  });

  test('the counter counts items not done whatever the filter', async ({ app }) => {
    await addAll(app, ['a', 'b', 'c']);
    await toggle(app, 2);
    await setFilter(app, 'completed');
    await expect(counter(app), 'items "a", "b" not done, "c" done, filter "completed": #todo-count should still read "2 items left" (rule 7: whatever the filter)').toHaveText('2 items left');
    await setFilter(app, 'active');
    await expect(counter(app), 'same items, filter "active": #todo-count should read "2 items left" (rule 7)').toHaveText('2 items left');
  });

});

test.describe('Rule 10: clear completed', () => {
  test('clear completed deletes every done item and keeps the others in order', async ({ app }) => {
    await addAll(app, ['a', 'b', 'c', 'd']);
    await toggle(app, 0);
    await expectDone(app, 0, true, 'added "a"–"d" and toggled "a"');
    await toggle(app, 2);
    await expectDone(app, 2, true, 'added "a"–"d" and toggled "a" and "c"');
    await clearCompleted(app);
    await expect(shownTexts(app), 'added "a"–"d", toggled "a" and "c" done, clicked #clear-completed: the list should be "b", "d" (rule 10)').toHaveText(['b', 'd']);
    await expectDone(app, 0, false, 'after clearing completed items');
    await expectDone(app, 1, false, 'after clearing completed items');
    expect(app.diagnostics.dialogs, 'clearing must act at once, asking nothing with alert/confirm/prompt (Clarifications)').toEqual([]);
  });

  test('clear completed also deletes done items hidden by the active filter', { tag: '@held-out' }, async ({ app }) => {
    await addAll(app, ['a', 'b', 'c']);
    await toggle(app, 1);
    await setFilter(app, 'active');
    await expect(shownTexts(app), 'added "a", "b", "c", toggled "b" done and chose filter "active": the shown items should be "a", "c" (rule 9)').toHaveText(['a', 'c']);
    await clearCompleted(app);
    await expect(counter(app), 'then clicked #clear-completed: #todo-count should still read "2 items left" (rule 10 keeps the items not done)').toHaveText('2 items left');
    await setFilter(app, 'all');
    await expect(shownTexts(app), 'added "a", "b", "c", toggled "b" done, chose filter "active", clicked #clear-completed, chose "all": the list should be "a", "c" (rule 10: shown or not)').toHaveText(['a', 'c']);
  });

  test('clear completed with no done items does nothing', async ({ app }) => {
    await addAll(app, ['a', 'b']);
    await clearCompleted(app);
    await expect(shownTexts(app), 'added "a", "b" (none done) and clicked #clear-completed: the list should still be "a", "b" (rule 10)').toHaveText(['a', 'b']);
    await expect(counter(app), 'nothing was cleared: #todo-count should read "2 items left" (rule 7)').toHaveText('2 items left');
  });
});
