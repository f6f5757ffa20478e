import { test, expect } from '@playwright/test';

test.describe('works', () => {
  test('starts each test with empty storage and keeps it over a reload', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('#visits')).toHaveText('1');
    await page.reload();
    await expect(page.locator('#visits')).toHaveText('2');
  });

  test('a second test starts empty again', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('#visits')).toHaveText('1');
  });

  test('serves the app at any path of its origin and keeps history', async ({ page }) => {
    await page.goto('/');
    await page.goto('/deep/link?x=1');
    await expect(page.locator('#path')).toHaveText('/deep/link');
    await page.goBack();
    await expect(page.locator('#path')).toHaveText('/');
  });

  test('opens a popup of the app', async ({ page, context }) => {
    await page.goto('/');
    const [popup] = await Promise.all([context.waitForEvent('page'), page.locator('#popup').click()]);
    await expect(popup.locator('#path')).toHaveText('/popup');
  });

  test('uploads a file', async ({ page }) => {
    await page.goto('/');
    await page.locator('#file').setInputFiles({ name: 'todo.txt', mimeType: 'text/plain', buffer: Buffer.from('milk') });
    await expect(page.locator('#file-name')).toHaveText('todo.txt');
  });

  test('downloads what the app offers', async ({ page }) => {
    await page.goto('/');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download').click()]);
    expect(download.suggestedFilename()).toBe('notes.txt');
  });

  test('a context the test makes is sandboxed too', async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto('/');
    const reached = await page.evaluate(() => fetch('https://example.com/').then(() => true, () => false));
    expect(reached).toBe(false);
    await context.close();
  });
});

test.describe('app failure', () => {
  test('the counter shows 2 after one click', async ({ page }) => {
    await page.goto('/');
    await page.locator('#add').click();
    await expect(page.locator('#count')).toHaveText('2');
  });
});

test.describe('spec faults', () => {
  test('navigates to another site', async ({ page }) => {
    await page.goto('https://demo.playwright.dev/todomvc');
  });

  test('asks for the request fixture', async ({ request }) => {
    await request.get('https://example.com/');
  });

  test('a fixture fails before the app is reached', async ({ page }) => {
    throw new Error(`setup failed before ${page.url()}`);
  });
});
