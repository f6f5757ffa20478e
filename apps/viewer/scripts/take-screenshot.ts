// The README's screenshot: the viewer on the recorded demo run (round 1's red verdict, a failure open, the
// live artifact beside it). Run: pnpm --filter @ndli/viewer screenshot
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, resolveBrowser } from '@ndli/ralph';
import { chromium } from '@playwright/test';
import { startViewer } from '../src/index.js';

const fixtures = fileURLToPath(new URL('../src/test-fixtures/output/', import.meta.url));
const target = fileURLToPath(new URL('../../../docs/viewer.png', import.meta.url));
const viewer = await startViewer({ roots: [fixtures], port: 0 });
const browser = await chromium.launch({ executablePath: resolveBrowser().executablePath, args: [...CHROMIUM_ARGS] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${viewer.url}#/run/0/run_20261201_200748`);
  await page.locator('[data-step="1:VERDICT"]').click();
  const failure = page.getByTestId('failure').first();
  await failure.locator(':scope > summary').click();
  await failure.getByTestId('failure-screenshot').evaluate((image: HTMLImageElement) => image.decode());
  await page.frameLocator('[data-testid=artifact-frame]').locator('#display').waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: target });
  process.stdout.write(`Screenshot: ${target}\n`);
} finally {
  await browser.close();
  await viewer.close();
}
