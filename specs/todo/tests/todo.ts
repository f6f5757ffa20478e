// Helpers for the todo specs: every user action goes through here so it is recorded for the FIX blocker.
import { expect, type AppUnderTest } from '@ndli/ralph/spec';
import type { Locator } from '@playwright/test';

export type Filter = 'all' | 'active' | 'completed';

export const newTodo = (app: AppUnderTest): Locator => app.page.locator('#new-todo');
export const counter = (app: AppUnderTest): Locator => app.page.locator('#todo-count');

/** The item elements that are visible, in document order ("shown items" in the contract). */
export function shownItems(app: AppUnderTest): Locator {
  return app.page.locator('#todo-list [data-todo]').filter({ visible: true });
}

/** The `[data-role="text"]` of every shown item, in order. */
export function shownTexts(app: AppUnderTest): Locator {
  return shownItems(app).locator('[data-role="text"]');
}

export function item(app: AppUnderTest, index: number): Locator {
  return shownItems(app).nth(index);
}

export function editInput(app: AppUnderTest, index: number): Locator {
  return item(app, index).locator('[data-role="edit-input"]');
}

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);
}

/** Types `text` into `#new-todo` and presses Enter. */
export async function addWithEnter(app: AppUnderTest, text: string): Promise<void> {
  await app.perform(`type ${quote(text)} into #new-todo, press Enter`, async () => {
    await newTodo(app).fill(text);
    await newTodo(app).press('Enter');
  });
}

/** Types `text` into `#new-todo` and clicks `#add-todo`. */
export async function addWithButton(app: AppUnderTest, text: string): Promise<void> {
  await app.perform(`type ${quote(text)} into #new-todo, click #add-todo`, async () => {
    await newTodo(app).fill(text);
    await app.page.locator('#add-todo').click();
  });
}

/** Adds each text with Enter and waits until the counter shows it, so later steps start from a settled list. */
export async function addAll(app: AppUnderTest, texts: string[]): Promise<void> {
  for (const text of texts) await addWithEnter(app, text);
  await expect(shownTexts(app), `after adding ${texts.map(quote).join(', ')} with Enter, the shown item texts should be exactly those, in order (rule 1)`).toHaveText(texts);
}

export async function toggle(app: AppUnderTest, index: number): Promise<void> {
  app.record(`click [data-role="toggle"] of shown item #${index + 1}`);
  await item(app, index).locator('[data-role="toggle"]').click();
}

export async function remove(app: AppUnderTest, index: number): Promise<void> {
  app.record(`click [data-role="delete"] of shown item #${index + 1}`);
  await item(app, index).locator('[data-role="delete"]').click();
}

export async function startEditWithButton(app: AppUnderTest, index: number): Promise<void> {
  app.record(`click [data-role="edit"] of shown item #${index + 1}`);
  await item(app, index).locator('[data-role="edit"]').click();
}

export async function startEditWithDoubleClick(app: AppUnderTest, index: number): Promise<void> {
  app.record(`double-click [data-role="text"] of shown item #${index + 1}`);
  await item(app, index).locator('[data-role="text"]').dblclick();
}

/** Replaces the value of the edit input of shown item `index` and presses `key` in it. */
export async function typeInEdit(app: AppUnderTest, index: number, text: string, key?: 'Enter' | 'Escape'): Promise<void> {
  const field = editInput(app, index);
  app.record(`replace the edit input's value with ${quote(text)}${key ? `, press ${key}` : ''}`);
  await field.fill(text);
  if (key) await field.press(key);
}

export async function setFilter(app: AppUnderTest, filter: Filter): Promise<void> {
  app.record(`click [data-filter="${filter}"]`);
  await app.page.locator(`[data-filter="${filter}"]`).click();
}

export async function clearCompleted(app: AppUnderTest): Promise<void> {
  app.record('click #clear-completed');
  await app.page.locator('#clear-completed').click();
}

export async function reload(app: AppUnderTest): Promise<void> {
  app.record('reload the page');
  await app.open();
}

/** Checks both halves of the done state of shown item `index`: `data-done` and the checkbox. */
export async function expectDone(app: AppUnderTest, index: number, done: boolean, context: string): Promise<void> {
  const row = item(app, index);
  await expect(row, `${context}: shown item #${index + 1} should have data-done="${done}"`).toHaveAttribute('data-done', String(done));
  await expect(row.locator('[data-role="toggle"]'), `${context}: the [data-role="toggle"] checkbox of shown item #${index + 1} should be ${done ? 'checked' : 'unchecked'}`).toBeChecked({ checked: done });
}
