import { test, expect } from '@ndli/ralph/spec';
import { click, expectDisplay, expectEnabled, expectLaps, expectRunningDisplay, laps, letRender, run, useFakeClock } from './stopwatch.js';

test.describe('Rule 3: stop', () => {
  test('stop freezes the display at the exact elapsed time', async ({ app }) => {
    await useFakeClock(app);
    await click(app, 'start');
    await run(app, 2_345);
    await click(app, 'stop');
    await expectDisplay(app, '00:02.34', 'clicked #start, 2345 ms passed, clicked #stop (rule 3: exactly the elapsed time at the click)');
    await run(app, 5_000);
    await expectDisplay(app, '00:02.34', 'then 5000 ms passed while stopped (rule 3: the display does not change while stopped)');
  });

  test('start after stop resumes, and time spent stopped is not counted', async ({ app }) => {
    await useFakeClock(app);
    await click(app, 'start');
    await run(app, 2_000);
    await click(app, 'stop');
    await run(app, 5_000);
    await click(app, 'start');
    await run(app, 1_000);
    await expectRunningDisplay(app, 3_000, 'ran 2000 ms, stopped for 5000 ms, started again and ran 1000 ms (rule 3: resumes from 00:02.00)');
    await run(app, 500);
    await click(app, 'stop');
    await expectDisplay(app, '00:03.50', 'ran 2000 ms, stopped, waited 5000 ms, started, ran 1500 ms, stopped (rule 3 example)');
  });
});

test.describe('Rule 4: reset', () => {
  test('reset shows 00:00.00 and removes every lap', async ({ app }) => {
    await useFakeClock(app);
    await click(app, 'start');
    await run(app, 1_000);
    await click(app, 'lap');
    await run(app, 1_000);
    await click(app, 'stop');
    await click(app, 'reset');
    await expectDisplay(app, '00:00.00', 'took a lap, stopped at 2000 ms, clicked #reset (rule 4)');
    await expect(laps(app), 'clicked #reset: #laps should hold no [data-lap] element (rule 4)').toHaveCount(0);
  });

  test('after reset the next start counts from zero and laps are numbered from 1 again', { tag: '@held-out' }, async ({ app }) => {
    await useFakeClock(app);
    await click(app, 'start');
    await run(app, 1_000);
    await click(app, 'lap');
    await click(app, 'lap');
    await run(app, 3_000);
    await click(app, 'stop');
    await click(app, 'reset');
    await click(app, 'start');
    await run(app, 700);
    await click(app, 'lap');
    await run(app, 300);
    await click(app, 'stop');
    await expectDisplay(app, '00:01.00', 'ran 4000 ms, stopped, reset, then started and ran 1000 ms and stopped (rule 4: counts from zero)');
    await expectLaps(app, [{ lap: 1, lapTime: '00:00.70', total: '00:00.70' }], 'after reset, started, took a lap at 700 ms (rule 4: numbering restarts at 1)');
  });
});

test.describe('Rule 5: laps', () => {
  test('three laps are listed newest first with lap and total times', async ({ app }) => {
    await useFakeClock(app);
    await click(app, 'start');
    await run(app, 1_000);
    await click(app, 'lap');
    await run(app, 2_500);
    await click(app, 'lap');
    await run(app, 250);
    await click(app, 'lap');
    await letRender(app);
    await expectLaps(
      app,
      [
        { lap: 3, lapTime: '00:00.25', total: '00:03.75' },
        { lap: 2, lapTime: '00:02.50', total: '00:03.50' },
        { lap: 1, lapTime: '00:01.00', total: '00:01.00' },
      ],
      'started, lap at 1000 ms, lap at 3500 ms, lap at 3750 ms (rule 5 example)',
    );
  });

  test('a lap does not stop the stopwatch', async ({ app }) => {
    await useFakeClock(app);
    await click(app, 'start');
    await run(app, 1_000);
    await click(app, 'lap');
    await run(app, 1_000);
    await expectRunningDisplay(app, 2_000, 'started, took a lap at 1000 ms, let 1000 ms more pass (rule 5: the stopwatch keeps running)');
  });

  test('lap times are computed from exact totals, then truncated', async ({ app }) => {
    await useFakeClock(app);
    await click(app, 'start');
    await run(app, 1_005);
    await click(app, 'lap');
    await run(app, 1_005);
    await click(app, 'lap');
    await letRender(app);
    await expectLaps(
      app,
      [
        { lap: 2, lapTime: '00:01.00', total: '00:02.01' },
        { lap: 1, lapTime: '00:01.00', total: '00:01.00' },
      ],
      'started, lap at 1005 ms, lap at 2010 ms (Clarifications: lap time = 2010 − 1005 = 1005 ms → 00:01.00, not 00:02.01 − 00:01.00)',
    );
  });

  test('laps survive stop and start, and time stopped is not in a lap', { tag: '@held-out' }, async ({ app }) => {
    await useFakeClock(app);
    await click(app, 'start');
    await run(app, 1_000);
    await click(app, 'lap');
    await run(app, 200);
    await click(app, 'stop');
    await run(app, 3_000);
    await click(app, 'start');
    await run(app, 300);
    await click(app, 'lap');
    await letRender(app);
    await expectLaps(
      app,
      [
        { lap: 2, lapTime: '00:00.50', total: '00:01.50' },
        { lap: 1, lapTime: '00:01.00', total: '00:01.00' },
      ],
      'started, lap at 1000 ms, stopped at 1200 ms, waited 3000 ms, started, lap 300 ms later (rule 5: laps survive stop/start; rule 3)',
    );
  });
});

test.describe('Rule 6: buttons', () => {
  test('idle on load: only #start is enabled', async ({ app }) => {
    await useFakeClock(app);
    await expectEnabled(app, ['start'], 'page loaded (idle)');
    await expect(laps(app), 'page loaded: #laps should hold no [data-lap] element').toHaveCount(0);
  });

  test('running: only #stop and #lap are enabled', async ({ app }) => {
    await useFakeClock(app);
    await click(app, 'start');
    await run(app, 100);
    await expectEnabled(app, ['stop', 'lap'], 'clicked #start (running)');
  });

  test('stopped: only #start and #reset are enabled', async ({ app }) => {
    await useFakeClock(app);
    await click(app, 'start');
    await run(app, 100);
    await click(app, 'stop');
    await expectEnabled(app, ['start', 'reset'], 'clicked #start, 100 ms passed, clicked #stop (stopped)');
    await click(app, 'start');
    await letRender(app);
    await expectEnabled(app, ['stop', 'lap'], 'then clicked #start again (running)');
  });

  test('after reset: idle again, only #start is enabled', { tag: '@held-out' }, async ({ app }) => {
    await useFakeClock(app);
    await click(app, 'start');
    await run(app, 100);
    await click(app, 'stop');
    await click(app, 'reset');
    await expectEnabled(app, ['start'], 'started, stopped at 100 ms, clicked #reset (idle)');
  });
});

test.describe('Rule 7: no persistence', () => {
  test('a reload starts idle at 00:00.00 with no laps', async ({ app }) => {
    await useFakeClock(app);
    await click(app, 'start');
    await run(app, 1_000);
    await click(app, 'lap');
    await run(app, 500);
    await click(app, 'stop');
    app.record('reload the page');
    await app.open();
    await letRender(app);
    await expectDisplay(app, '00:00.00', 'ran 1500 ms with a lap, stopped, reloaded (rule 7: nothing is saved)');
    await expect(laps(app), 'reloaded: #laps should hold no [data-lap] element (rule 7)').toHaveCount(0);
    await expectEnabled(app, ['start'], 'reloaded (rule 7: idle)');
  });
});
