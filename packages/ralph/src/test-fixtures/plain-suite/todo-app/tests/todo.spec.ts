import { test, expect, type Page } from '@playwright/test';
import { createDefaultTodos, TODO_ITEMS, todosInLocalStorage } from './support/todos';

test.describe.configure({ mode: 'parallel' });

test.beforeEach(async ({ page }) => {
  await page.goto('https://todo.example.com/');
});

test.afterEach(async ({ page }) => {
  // Every test leaves the app usable: the input is still there.
  await expect(page.getByPlaceholder('What needs to be done?')).toBeVisible();
});

test.describe('New Todo', () => {
  test('should allow me to add todo items', async ({ page }) => {
    const newTodo = page.getByPlaceholder('What needs to be done?');
    await test.step('add the first todo', async () => {
      await newTodo.fill(TODO_ITEMS[0]);
      await newTodo.press('Enter');
    });
    await expect(page.getByTestId('todo-title')).toHaveText([TODO_ITEMS[0]]);
    await test.step('add the second todo', async () => {
      await newTodo.fill(TODO_ITEMS[1]);
      await newTodo.press('Enter');
    });
    await expect(page.getByTestId('todo-title')).toHaveText([TODO_ITEMS[0], TODO_ITEMS[1]]);
    await expect.poll(() => todosInLocalStorage(page)).toHaveLength(2);
  });

  test('should clear text input field when an item is added', async ({ page }) => {
    const newTodo = page.getByPlaceholder('What needs to be done?');
    await newTodo.fill(TODO_ITEMS[0]);
    await newTodo.press('Enter');
    await expect(newTodo).toBeEmpty();
  });

  test('should append new items to the bottom of the list', async ({ page }) => {
    await createDefaultTodos(page);
    await expect(page.getByTestId('todo-item')).toHaveCount(3);
    await expect(page.getByTestId('todo-count')).toHaveText('3 items left');
    await expect(page.getByTestId('todo-title')).toHaveText(TODO_ITEMS);
  });
});

test.describe('Mark all as completed', () => {
  test.beforeEach(async ({ page }) => {
    await createDefaultTodos(page);
  });

  test('should allow me to mark all items as completed', async ({ page }) => {
    await page.getByLabel('Mark all as complete').check();
    await expect(page.getByTestId('todo-item')).toHaveClass(['completed', 'completed', 'completed']);
    await expect.poll(async () => (await todosInLocalStorage(page)).filter((todo) => todo.completed).length).toBe(3);
  });

  test('should allow me to clear the complete state of all items', async ({ page }) => {
    const toggleAll = page.getByLabel('Mark all as complete');
    await toggleAll.check();
    await toggleAll.uncheck();
    await expect(page.getByTestId('todo-item')).toHaveClass(['', '', '']);
  });
});

test.describe('Item', () => {
  test('should allow me to mark items as complete', async ({ page }) => {
    await createDefaultTodos(page);
    const firstTodo = page.getByTestId('todo-item').nth(0);
    await firstTodo.getByRole('checkbox').check();
    await expect(firstTodo).toHaveClass('completed');
    await expect(page.getByTestId('todo-count')).toHaveText('2 items left');
  });

  test('should allow me to edit an item', async ({ page }) => {
    await createDefaultTodos(page);
    const secondTodo = page.getByTestId('todo-item').nth(1);
    await secondTodo.dblclick();
    await secondTodo.getByRole('textbox', { name: 'Edit' }).fill('buy some sausages');
    await secondTodo.getByRole('textbox', { name: 'Edit' }).press('Enter');
    await expect(page.getByTestId('todo-title')).toHaveText([TODO_ITEMS[0], 'buy some sausages', TODO_ITEMS[2]]);
  });
});

test.describe('Editing', () => {
  test('should trim entered text', async ({ page }) => {
    await createDefaultTodos(page);
    const todo = page.getByTestId('todo-item').nth(1);
    await todo.dblclick();
    await todo.getByRole('textbox', { name: 'Edit' }).fill('    buy some sausages    ');
    await todo.getByRole('textbox', { name: 'Edit' }).press('Enter');
    await expect(page.getByTestId('todo-title')).toHaveText([TODO_ITEMS[0], 'buy some sausages', TODO_ITEMS[2]]);
  });

  test('should cancel edits on escape', async ({ page }) => {
    await createDefaultTodos(page);
    const todo = page.getByTestId('todo-item').nth(1);
    await todo.dblclick();
    await todo.getByRole('textbox', { name: 'Edit' }).fill('buy some sausages');
    await todo.getByRole('textbox', { name: 'Edit' }).press('Escape');
    await expect(page.getByTestId('todo-title')).toHaveText(TODO_ITEMS);
  });
});

test.describe('Counter', () => {
  test('should display the current number of todo items', async ({ page }) => {
    const newTodo = page.getByPlaceholder('What needs to be done?');
    await newTodo.fill(TODO_ITEMS[0]);
    await newTodo.press('Enter');
    await expect(page.getByTestId('todo-count')).toContainText('1');
    await newTodo.fill(TODO_ITEMS[1]);
    await newTodo.press('Enter');
    await expect(page.getByTestId('todo-count')).toContainText('2');
  });
});

test.describe('Clear completed button', () => {
  test('should remove completed items when clicked', async ({ page }) => {
    await createDefaultTodos(page);
    await page.getByTestId('todo-item').nth(1).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Clear completed' }).click();
    await expect(page.getByTestId('todo-item')).toHaveCount(2);
    await expect(page.getByTestId('todo-title')).toHaveText([TODO_ITEMS[0], TODO_ITEMS[2]]);
  });
});

test.describe('Persistence', () => {
  test('should persist its data', async ({ page }) => {
    await createDefaultTodos(page);
    await page.getByTestId('todo-item').nth(0).getByRole('checkbox').check();
    await expect.poll(async () => (await todosInLocalStorage(page)).filter((todo) => todo.completed).length).toBe(1);
    await page.reload();
    await expect(page.getByTestId('todo-title')).toHaveText(TODO_ITEMS);
    await expect(page.getByTestId('todo-item').nth(0)).toHaveClass('completed');
  });
});

test.describe('Routing', () => {
  test.beforeEach(async ({ page }) => {
    await createDefaultTodos(page);
    await page.getByTestId('todo-item').nth(1).getByRole('checkbox').check();
  });

  test('should allow me to display active items', async ({ page }) => {
    await page.getByRole('link', { name: 'Active' }).click();
    await expect(page.getByTestId('todo-item')).toHaveCount(2);
    await expect(page.getByTestId('todo-title')).toHaveText([TODO_ITEMS[0], TODO_ITEMS[2]]);
  });

  test('should respect the back button', async ({ page }) => {
    await test.step('Showing all items', async () => {
      await page.getByRole('link', { name: 'All' }).click();
      await expect(page.getByTestId('todo-item')).toHaveCount(3);
    });
    await test.step('Showing active items', async () => {
      await page.getByRole('link', { name: 'Active' }).click();
    });
    await test.step('Showing completed items', async () => {
      await page.getByRole('link', { name: 'Completed' }).click();
    });
    await expect(page.getByTestId('todo-item')).toHaveCount(1);
    await page.goBack();
    await expect(page.getByTestId('todo-item')).toHaveCount(2);
    await page.goBack();
    await expect(page.getByTestId('todo-item')).toHaveCount(3);
  });

  test('should highlight the currently applied filter', async ({ page }: { page: Page }) => {
    await expect(page.getByRole('link', { name: 'All' })).toHaveClass('selected');
    await page.getByRole('link', { name: 'Completed' }).click();
    await expect(page.getByRole('link', { name: 'Completed' })).toHaveClass('selected');
  });
});
