import type { AppUnderTest } from '@ndli/ralph/spec';

/** Clicks a contract element and records the action so a failure can say what was done. */
export async function click(app: AppUnderTest, selector: string, times = 1): Promise<void> {
  for (let index = 0; index < times; index += 1) {
    app.record(`click ${selector}`);
    await app.page.locator(selector).click();
  }
}
