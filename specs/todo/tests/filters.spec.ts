import { test, expect } from '@ndli/ralph/spec';
import type { AppUnderTest } from '@ndli/ralph/spec';
import { addAll, addWithEnter, counter, expectDone, setFilter, shownTexts, toggle, type Filter } from './todo.js';

const filters: Filter[] = ['all', 'active', 'completed'];

async function expectSelected(app: AppUnderTest, selected: Filter, context: string): Promise<void> {
  for (const filter of filters) {
    const pressed = String(filter === selected);
    await expect(app.page.locator(`[data-filter="${filter}"]`), `${context}: [data-filter="${filter}"] should have aria-pressed="${pressed}" (rule 9)`).toHaveAttribute('aria-pressed', pressed);
  }
}

/** a, b, c, d with b and d done, each toggle seen done before the next step. */
async function mixedList(app: AppUnderTest): Promise<void> {
  await addAll(app, ['a', 'b', 'c', 'd']);
  await toggle(app, 1);
  await expectDone(app, 1, true, 'added "a"–"d" and toggled "b"');
  await toggle(app, 3);
  await expectDone(app, 3, true, 'added "a"–"d" and toggled "b" and "d"');
}

test.describe('Rule 9: filters', () => {
  test('all is selected initially, and clicking a filter selects it with aria-pressed', async ({ app }) => {
    await expectSelected(app, 'all', 'fresh page');
    for (const filter of ['active', 'completed', 'all'] as const) {
      await setFilter(app, filter);
      await expectSelected(app, filter, `clicked [data-filter="${filter}"]`);
    }
  });

  test('active shows only the items not done, in order', async ({ app }) => {
    await mixedList(app);
    await setFilter(app, 'active');
    await expect(shownTexts(app), 'items "a", "b"(done), "c", "d"(done), filter "active": the shown items should be "a", "c" (rule 9)').toHaveText(['a', 'c']);
  });

  test('completed shows only the done items in order, all shows every item again', async ({ app }) => {
    await mixedList(app);
    await setFilter(app, 'completed');
    await expect(shownTexts(app), 'items "a", "b"(done), "c", "d"(done), filter "completed": the shown items should be "b", "d" (rule 9)').toHaveText(['b', 'd']);
    await setFilter(app, 'all');
    await expect(shownTexts(app), 'then chose filter "all": all four items should be shown in order (rule 9)').toHaveText(['a', 'b', 'c', 'd']);
  });

  test('toggling an item under active hides it at once', async ({ app }) => {
    await mixedList(app);
    await setFilter(app, 'active');
    // act on "the 1st shown item" only once the filter's result is seen: an app may render on the next frame
    await expect(shownTexts(app), 'items "a", "b"(done), "c", "d"(done), filter "active": the shown items should be "a", "c" (rule 9)').toHaveText(['a', 'c']);
    await toggle(app, 0);
    await expect(shownTexts(app), 'filter "active" showing "a", "c"; toggled "a" done: only "c" should be shown (rule 9: the filter applies at once)').toHaveText(['c']);
  });

  test('un-toggling an item under completed hides it at once', { tag: '@held-out' }, async ({ app }) => {
    await mixedList(app);
    await setFilter(app, 'completed');
    // act on "the 2nd shown item" only once the filter's result is seen: an app may render on the next frame
    await expect(shownTexts(app), 'items "a", "b"(done), "c", "d"(done), filter "completed": the shown items should be "b", "d" (rule 9)').toHaveText(['b', 'd']);
    await toggle(app, 1);
    await expect(shownTexts(app), 'filter "completed" showing "b", "d"; toggled "d" not done: only "b" should be shown (rule 9)').toHaveText(['b']);
  });

  test('an item added under active is shown at the end and active stays selected', async ({ app }) => {
    await mixedList(app);
    await setFilter(app, 'active');
    await expect(shownTexts(app), 'items "a", "b"(done), "c", "d"(done), filter "active": the shown items should be "a", "c" (rule 9)').toHaveText(['a', 'c']);
    await addWithEnter(app, 'e');
    await expect(shownTexts(app), 'filter "active", added "e": the shown items should be "a", "c", "e" (Clarifications: added at the end of the list)').toHaveText(['a', 'c', 'e']);
    await expectSelected(app, 'active', 'added "e" under filter "active" (Clarifications: the filter stays selected)');
    await setFilter(app, 'all');
    await expect(shownTexts(app), 'then chose filter "all": the list should be "a", "b", "c", "d", "e" (Clarifications: added at the end of the full list)').toHaveText(['a', 'b', 'c', 'd', 'e']);
  });

  test('an item added under completed is not shown but is added at the end', async ({ app }) => {
    await mixedList(app);
    await setFilter(app, 'completed');
    await addWithEnter(app, 'e');
    await expect(counter(app), 'filter "completed", added "e": #todo-count should read "3 items left" ("a", "c", "e" not done; rule 7)').toHaveText('3 items left');
    await expect(shownTexts(app), 'filter "completed", added "e": the shown items should still be "b", "d" (rule 9: a new item is not done)').toHaveText(['b', 'd']);
    await expectSelected(app, 'completed', 'added "e" under filter "completed"');
    await setFilter(app, 'all');
    await expect(shownTexts(app), 'then chose filter "all": the list should be "a", "b", "c", "d", "e" (Clarifications: added at the end)').toHaveText(['a', 'b', 'c', 'd', 'e']);
  });
});
