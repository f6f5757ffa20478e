// A Playwright reporter of ralph's own, loaded by the generated config: for a failed test whose evidence names no
// action (a plain suite, or a spec that records none), it writes the test's own steps and API calls into that
// evidence — `Navigate to "/"`, `Fill "milk" getByPlaceholder('What needs to be done?')`, `step: add two todos` —
// so a FIX blocker still says what was done. Steps are only kept in memory while a test runs: a passing test costs
// nothing but the bookkeeping.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { sep } from 'node:path';
import type { FullConfig, Reporter, TestCase, TestResult, TestStep } from '@playwright/test/reporter';
import { MAX_ENTRIES_PER_LIST } from './app-fixture/diagnostics-recorder.js';
import { DIAGNOSTICS_ATTACHMENT } from './app-fixture/judge-environment.js';

/** Categories of the steps that are the test's actions: Playwright API calls and the test's own `test.step`s. */
const ACTION_CATEGORIES = new Set(['pw:api', 'test.step']);
/** Steps inside these are Playwright's or the harness's own doing, not the test's. */
const OPAQUE_CATEGORIES = new Set(['pw:api', 'expect', 'fixture']);

/**
 * A step the test took: an API call or `test.step` made from the suite's own files (under `testsDirectory`; calls
 * the judge's fixtures make, such as the freeze watch's probes, are located in the judge's files), not inside
 * another API call, an assertion or a fixture.
 */
function isAction(step: TestStep, testsDirectory: string): boolean {
  if (!ACTION_CATEGORIES.has(step.category)) return false;
  if (!step.location?.file.startsWith(testsDirectory)) return false;
  for (let parent = step.parent; parent; parent = parent.parent) if (OPAQUE_CATEGORIES.has(parent.category)) return false;
  return true;
}

export default class ActionStepsReporter implements Reporter {
  private readonly actions = new Map<TestResult, string[]>();
  private testsDirectory = `${sep}nowhere${sep}`;

  onBegin(config: FullConfig): void {
    const testDir = config.projects[0]?.testDir;
    if (testDir) this.testsDirectory = testDir.endsWith(sep) ? testDir : `${testDir}${sep}`;
  }

  onStepBegin(_test: TestCase, result: TestResult, step: TestStep): void {
    if (!isAction(step, this.testsDirectory)) return;
    const list = this.actions.get(result) ?? [];
    list.push(step.category === 'test.step' ? `step: ${step.title}` : step.title);
    this.actions.set(result, list);
  }

  onTestEnd(_test: TestCase, result: TestResult): void {
    const actions = this.actions.get(result) ?? [];
    this.actions.delete(result);
    if (result.status === 'passed' || result.status === 'skipped' || actions.length === 0) return;
    const file = result.attachments.find((attachment) => attachment.name === DIAGNOSTICS_ATTACHMENT)?.path;
    if (!file || !existsSync(file)) return;
    try {
      const evidence = JSON.parse(readFileSync(file, 'utf8')) as { actions?: string[] };
      if (evidence.actions && evidence.actions.length > 0) return;
      // The last actions led to the failure; the first ones are often the same setup in every test.
      const omitted = actions.length - MAX_ENTRIES_PER_LIST;
      evidence.actions = omitted > 0 ? [`… ${omitted} earlier actions (not recorded)`, ...actions.slice(-MAX_ENTRIES_PER_LIST)] : actions;
      writeFileSync(file, JSON.stringify(evidence));
    } catch {
      // Unreadable evidence stays as it is: the verdict reads it as empty.
    }
  }

  printsToStdio(): boolean {
    return false;
  }
}
