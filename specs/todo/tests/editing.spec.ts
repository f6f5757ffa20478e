import { test, expect } from '@ndli/ralph/spec';
import { addAll, counter, editInput, expectDone, newTodo, shownTexts, startEditWithButton, startEditWithDoubleClick, toggle, typeInEdit } from './todo.js';

test.describe('Rule 8: editing', () => {
  test('the edit button shows a focused edit input holding the current text', async ({ app }) => {
    await addAll(app, ['a', 'milk']);
    await startEditWithButton(app, 1);
    const field = editInput(app, 1);
    await expect(field, 'clicked the edit button of "milk": a visible [data-role="edit-input"] should appear inside that item (rule 8)').toBeVisible();
    await expect(field, 'clicked the edit button of "milk": the edit input should hold "milk" (rule 8)').toHaveValue('milk');
    await expect(field, 'clicked the edit button of "milk": the edit input should have the focus (rule 8)').toBeFocused();
  });

  test('double-clicking the text shows a focused edit input holding the current text', async ({ app }) => {
    await addAll(app, ['milk', 'b']);
    await startEditWithDoubleClick(app, 0);
    const field = editInput(app, 0);
    await expect(field, 'double-clicked the text of "milk": a visible [data-role="edit-input"] should appear inside that item (rule 8)').toBeVisible();
    await expect(field, 'double-clicked the text of "milk": the edit input should hold "milk" (rule 8)').toHaveValue('milk');
    await expect(field, 'double-clicked the text of "milk": the edit input should have the focus (rule 8)').toBeFocused();
  });

  test('Enter saves the trimmed new text and ends editing', async ({ app }) => {
    await addAll(app, ['milk']);
    await startEditWithButton(app, 0);
    await typeInEdit(app, 0, '  bread  ', 'Enter');
    await expect(editInput(app, 0), 'edited "milk" to "  bread  " and pressed Enter: editing should end, no visible edit input (rule 8)').toBeHidden();
    await expect(shownTexts(app), 'edited "milk" to "  bread  " and pressed Enter: the list should be exactly "bread" (rule 8: Enter saves trimmed; it adds nothing)').toHaveText(['bread']);
    await startEditWithButton(app, 0);
    await expect(editInput(app, 0), 'after saving "  bread  ", editing again should show exactly "bread" (rule 8: the saved text is trimmed)').toHaveValue('bread');
  });

  test('text typed key by key into the edit input is saved with Enter', { tag: '@held-out' }, async ({ app }) => {
    await addAll(app, ['milk']);
    await startEditWithButton(app, 0);
    const field = editInput(app, 0);
    app.record('clear the edit input, type "bread" key by key');
    await field.fill('');
    await field.pressSequentially('bread');
    await expect(field, 'cleared the edit input of "milk" and typed "bread" key by key: the item should still be edited, its edit input holding "bread" (rule 8: only Enter, Escape or a blur end the edit)').toHaveValue('bread');
    app.record('press Enter in the edit input');
    await field.press('Enter');
    await expect(shownTexts(app), 'typed "bread" key by key into the edit input of "milk" and pressed Enter: the list should be exactly "bread" (rule 8)').toHaveText(['bread']);
  });

  test('Escape cancels the edit and keeps the old text', async ({ app }) => {
    await addAll(app, ['milk']);
    await startEditWithButton(app, 0);
    await typeInEdit(app, 0, 'bread', 'Escape');
    await expect(editInput(app, 0), 'edited "milk" to "bread" and pressed Escape: editing should end, no visible edit input (rule 8)').toBeHidden();
    await expect(shownTexts(app), 'edited "milk" to "bread" and pressed Escape: the text should stay "milk" (rule 8: Escape cancels)').toHaveText(['milk']);
  });

  test('Escape followed by a blur does not save', async ({ app }) => {
    await addAll(app, ['milk']);
    await startEditWithDoubleClick(app, 0);
    await typeInEdit(app, 0, 'bread', 'Escape');
    app.record('click #new-todo');
    await newTodo(app).click();
    await expect(shownTexts(app), 'edited "milk" to "bread", pressed Escape, then clicked #new-todo: the text should stay "milk" (Clarifications: Escape then blur does not save)').toHaveText(['milk']);
  });

  test('moving the focus out of the edit input saves like Enter', async ({ app }) => {
    await addAll(app, ['milk', 'eggs']);
    await startEditWithButton(app, 0);
    await typeInEdit(app, 0, ' bread ');
    app.record('click #new-todo');
    await newTodo(app).click();
    await expect(editInput(app, 0), 'edited "milk" to " bread " then clicked #new-todo: editing should end (rule 8: blur saves)').toBeHidden();
    await expect(shownTexts(app), 'edited "milk" to " bread " then clicked #new-todo: the list should be "bread", "eggs" (rule 8: blur saves like Enter)').toHaveText(['bread', 'eggs']);
  });

  test('saving an empty text deletes the item', async ({ app }) => {
    await addAll(app, ['a', 'b', 'c']);
    await startEditWithButton(app, 1);
    await typeInEdit(app, 1, '   ', 'Enter');
    await expect(shownTexts(app), 'edited "b" to "   " and pressed Enter: "b" should be deleted, the list should be "a", "c" (rule 8: empty edit deletes)').toHaveText(['a', 'c']);
    await expect(counter(app), 'after the empty edit deleted "b": #todo-count should read "2 items left" (rule 7)').toHaveText('2 items left');
  });

  test('an edited text longer than 100 characters is cut to 100', { tag: '@held-out' }, async ({ app }) => {
    await addAll(app, ['short']);
    await startEditWithButton(app, 0);
    await typeInEdit(app, 0, 'xyz'.repeat(40), 'Enter');
    await expect(shownTexts(app), 'edited "short" to a 120-character text ("xyz" × 40) and pressed Enter: the text should be its first 100 characters (rule 8 with rule 3)').toHaveText(['xyz'.repeat(40).slice(0, 100)]);
  });

  test('editing keeps the done state and the place in the list', async ({ app }) => {
    await addAll(app, ['a', 'b', 'c']);
    await toggle(app, 1);
    await expectDone(app, 1, true, 'added "a", "b", "c" and toggled "b"');
    await startEditWithDoubleClick(app, 1);
    await typeInEdit(app, 1, 'B', 'Enter');
    await expect(shownTexts(app), 'toggled "b" done, then edited it to "B": the list should be "a", "B", "c" (rule 8: editing keeps the place)').toHaveText(['a', 'B', 'c']);
    await expectDone(app, 1, true, 'toggled "b" done, then edited it to "B" (rule 8: editing keeps the done state)');
  });

  test('starting to edit another item saves the current edit', async ({ app }) => {
    await addAll(app, ['a', 'b']);
    await startEditWithButton(app, 0);
    await typeInEdit(app, 0, 'A');
    await startEditWithButton(app, 1);
    await expect(editInput(app, 1), 'edited "a" to "A" without Enter, then clicked the edit button of "b": "b" should now be edited (Clarifications: one edit at a time)').toHaveValue('b');
    await expect(app.page.locator('#todo-list [data-role="edit-input"]').filter({ visible: true }), 'switched from editing "a" to editing "b": exactly one visible edit input should be left (Clarifications: only one item is edited at a time)').toHaveCount(1);
    await typeInEdit(app, 1, 'B', 'Enter');
    await expect(shownTexts(app), 'edited "a" to "A", switched to editing "b", typed "B" and pressed Enter: the list should be "A", "B" (Clarifications: switching saves the first edit)').toHaveText(['A', 'B']);
  });

  test('Enter and Escape in the edit input act only on the edit, not on #new-todo', async ({ app }) => {
    await addAll(app, ['milk']);
    app.record('type "draft" into #new-todo without pressing Enter');
    await newTodo(app).fill('draft');
    await startEditWithButton(app, 0);
    await typeInEdit(app, 0, 'bread', 'Enter');
    await expect(shownTexts(app), 'typed "draft" into #new-todo, then edited "milk" to "bread" and pressed Enter: the list should be exactly "bread" (Clarifications: Enter in the edit adds no item)').toHaveText(['bread']);
    await expect(newTodo(app), 'pressing Enter in the edit input must leave #new-todo holding "draft" (Clarifications)').toHaveValue('draft');
    await startEditWithDoubleClick(app, 0);
    await typeInEdit(app, 0, 'cake', 'Escape');
    await expect(editInput(app, 0), 'edited "bread" to "cake" and pressed Escape: editing should end (rule 8)').toBeHidden();
    await expect(shownTexts(app), 'then edited "bread" to "cake" and pressed Escape: the list should be exactly "bread" (Clarifications: Escape adds no item)').toHaveText(['bread']);
    await expect(newTodo(app), 'pressing Escape in the edit input must leave #new-todo holding "draft" (Clarifications)').toHaveValue('draft');
  });

  test('the item text is shown again after the edit ends by Enter, Escape or a blur', async ({ app }) => {
    await addAll(app, ['milk']);
    const text = shownTexts(app).first();
    await startEditWithButton(app, 0);
    await typeInEdit(app, 0, 'bread', 'Enter');
    await expect(text, 'edited "milk" to "bread" and pressed Enter: the [data-role="text"] of the item should be visible again (Clarifications)').toBeVisible();
    await startEditWithButton(app, 0);
    await typeInEdit(app, 0, 'cake', 'Escape');
    await expect(text, 'then edited it to "cake" and pressed Escape: the [data-role="text"] should be visible again (Clarifications)').toBeVisible();
    await startEditWithDoubleClick(app, 0);
    await typeInEdit(app, 0, 'tea');
    app.record('click #new-todo');
    await newTodo(app).click();
    await expect(text, 'then edited it to "tea" and clicked #new-todo: the [data-role="text"] should be visible again (Clarifications)').toBeVisible();
    await expect(text, 'the blur saved "tea" (rule 8)').toHaveText('tea');
  });

  test('editing and ending the edit by Enter, Escape or a blur raises no uncaught error', async ({ app }) => {
    await addAll(app, ['a', 'b']);
    await startEditWithButton(app, 0);
    await typeInEdit(app, 0, 'A', 'Enter');
    await expect(shownTexts(app), 'edited "a" to "A" and pressed Enter: the list should be "A", "b" (rule 8)').toHaveText(['A', 'b']);
    await startEditWithDoubleClick(app, 1);
    await typeInEdit(app, 1, 'bee', 'Escape');
    await expect(editInput(app, 1), 'edited "b" to "bee" and pressed Escape: editing should end (rule 8)').toBeHidden();
    await startEditWithButton(app, 1);
    await typeInEdit(app, 1, 'B');
    app.record('click #new-todo');
    await newTodo(app).click();
    await expect(shownTexts(app), 'edited "a" to "A" (Enter), "b" to "bee" (Escape), then "b" to "B" (blur): the list should be "A", "B" (rule 8)').toHaveText(['A', 'B']);
    expect(app.diagnostics.pageErrors, 'starting and ending edits with Enter, Escape and a blur must raise no uncaught JavaScript error').toEqual([]);
  });
});
