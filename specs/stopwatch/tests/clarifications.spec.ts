import { test, expect } from '@ndli/ralph/spec';
import { click, clickDisabled, expectDisplay, expectEnabled, expectRunningDisplay, laps, letRender, run, useFakeClock } from './stopwatch.js';

test.describe('Clarifications', () => {
  test('stop with exactly 0 ms elapsed leaves the stopwatch idle', async ({ app }) => {
    await useFakeClock(app);
    await click(app, 'start');
    // Fires a render after setTimeout(0) without moving time. An app that enables #stop only on the next animation
    // frame cannot be stopped in the millisecond it started (time must move first), so the case never arises there.
    await app.page.clock.runFor(0);
    test.skip(!(await app.page.locator('#stop').isEnabled()), '#stop is enabled only after time moves, so it cannot be clicked with 0 ms elapsed');
    await click(app, 'stop');
    await expectDisplay(app, '00:00.00', 'clicked #start, then #stop in the same millisecond (Clarifications: 0 ms elapsed)');
    await expectEnabled(app, ['start'], 'clicked #start, then #stop in the same millisecond (Clarifications: idle, not stopped, since stopped needs elapsed > 0)');
  });

  test('clicking a disabled button does nothing', async ({ app }) => {
    await useFakeClock(app);
    for (const id of ['stop', 'lap', 'reset'] as const) await clickDisabled(app, id);
    await run(app, 1_000);
    await expectDisplay(app, '00:00.00', 'clicked the disabled #stop, #lap and #reset while idle, let 1000 ms pass (Clarifications: nothing happens)');
    await expectEnabled(app, ['start'], 'clicked the disabled #stop, #lap and #reset while idle (Clarifications: still idle)');
    await click(app, 'start');
    await run(app, 1_000);
    for (const id of ['start', 'reset'] as const) await clickDisabled(app, id);
    await run(app, 500);
    await expectRunningDisplay(app, 1_500, 'started, 1000 ms passed, clicked the disabled #start and #reset, 500 ms passed (Clarifications: still running from the first start)');
    await click(app, 'stop');
    for (const id of ['stop', 'lap'] as const) await clickDisabled(app, id);
    await run(app, 1_000);
    await expectDisplay(app, '00:01.50', 'stopped at 1500 ms, clicked the disabled #stop and #lap, let 1000 ms pass (Clarifications: nothing happens)');
    await expectEnabled(app, ['start', 'reset'], 'stopped at 1500 ms, clicked the disabled #stop and #lap (Clarifications: still stopped)');
    await expect(laps(app), 'no lap was ever taken: #laps should hold no [data-lap] element').toHaveCount(0);
  });

  test('there are no keyboard shortcuts', async ({ app }) => {
    const keys = ['Space', 'Enter', 's', 'S', 'p', 'l', 'L', 'r', 'R', 'Escape', 'Backspace'];
    const pressAll = async (): Promise<void> => {
      await app.perform(`with nothing focused, press ${keys.join(', ')}`, async () => {
        await app.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        for (const key of keys) await app.page.keyboard.press(key);
      });
    };
    await useFakeClock(app);
    await pressAll();
    await letRender(app);
    await expectDisplay(app, '00:00.00', 'pressed keys while idle (Clarifications: no keyboard shortcuts)');
    await expectEnabled(app, ['start'], 'pressed keys while idle (Clarifications: no keyboard shortcuts, still idle)');
    await click(app, 'start');
    await run(app, 1_000);
    await pressAll();
    await letRender(app);
    await expectEnabled(app, ['stop', 'lap'], 'started, 1000 ms passed, pressed keys (Clarifications: no keyboard shortcuts, still running)');
    await expect(laps(app), 'started and pressed keys: #laps should hold no [data-lap] element (Clarifications: no keyboard shortcuts)').toHaveCount(0);
    await click(app, 'stop');
    await pressAll();
    await letRender(app);
    await expectDisplay(app, '00:01.10', 'started, stopped at 1100 ms, pressed keys (Clarifications: no keyboard shortcuts)');
    await expectEnabled(app, ['start', 'reset'], 'stopped at 1100 ms, pressed keys (Clarifications: no keyboard shortcuts, still stopped)');
  });
});
