import type { Page } from '@playwright/test';

export const TODO_ITEMS = ['buy some cheese', 'feed the cat', 'book a doctors appointment'];

export async function createDefaultTodos(page: Page): Promise<void> {
  const newTodo = page.getByPlaceholder('What needs to be done?');
  for (const item of TODO_ITEMS) {
    await newTodo.fill(item);
    await newTodo.press('Enter');
  }
}

export async function todosInLocalStorage(page: Page): Promise<Array<{ title: string; completed: boolean }>> {
  return page.evaluate(() => JSON.parse(localStorage.getItem('todos') || '[]') as Array<{ title: string; completed: boolean }>);
}
