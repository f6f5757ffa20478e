import { test as base, expect, type Locator, type Page } from '@playwright/test';

/** A page object, as many suites have one: the app behind a small API of its own. */
class TodoPage {
  readonly newTodo: Locator;
  readonly items: Locator;

  constructor(readonly page: Page) {
    this.newTodo = page.getByPlaceholder('What needs to be done?');
    this.items = page.getByTestId('todo-item');
  }

  async open(): Promise<void> {
    await this.page.goto('https://todo.example.com/');
  }

  async add(...titles: string[]): Promise<void> {
    for (const title of titles) {
      await this.newTodo.fill(title);
      await this.newTodo.press('Enter');
    }
  }

  async remove(title: string): Promise<void> {
    const item = this.items.filter({ hasText: title });
    await item.hover();
    await item.getByRole('button', { name: 'Delete' }).click();
  }
}

const test = base.extend<{ todoPage: TodoPage }>({
  todoPage: async ({ page }, use) => {
    const todoPage = new TodoPage(page);
    await todoPage.open();
    await use(todoPage);
  },
});

test('a new visitor starts with no todos and no footer', async ({ todoPage }) => {
  await expect(todoPage.items).toHaveCount(0);
  await expect(todoPage.page.getByTestId('todo-count')).toBeHidden();
});

test('deleting a todo removes it and updates the count', async ({ todoPage }) => {
  await todoPage.add('walk the dog', 'water the plants');
  await todoPage.remove('walk the dog');
  await expect(todoPage.items).toHaveText(['water the plants']);
  await expect(todoPage.page.getByTestId('todo-count')).toHaveText('1 item left');
});

test('an item edited to nothing is removed', async ({ todoPage }) => {
  await todoPage.add('walk the dog');
  await todoPage.items.first().dblclick();
  await todoPage.items.first().getByRole('textbox', { name: 'Edit' }).fill('');
  await todoPage.items.first().getByRole('textbox', { name: 'Edit' }).press('Enter');
  await expect(todoPage.items).toHaveCount(0);
});
