// A Playwright reporter of ralph's own, loaded by the generated config: it appends one JSON line per finished test
// (`{"done":72,"total":127,"failed":1}`) to its output file, which the judge follows while Playwright runs.
import { appendFileSync, writeFileSync } from 'node:fs';
import type { FullConfig, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';

interface ProgressReporterOptions {
  outputFile: string;
}

export default class ProgressReporter implements Reporter {
  private total = 0;
  private done = 0;
  private failed = 0;
  private readonly outputFile: string;

  constructor(options: ProgressReporterOptions) {
    this.outputFile = options.outputFile;
  }

  onBegin(_config: FullConfig, suite: Suite): void {
    // Skipped-on-purpose tests are left out of the verdict's total, so also out of the progress.
    this.total = suite.allTests().filter((test) => test.expectedStatus !== 'skipped').length;
    writeFileSync(this.outputFile, `${JSON.stringify({ done: 0, total: this.total, failed: 0 })}\n`);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    if (test.expectedStatus === 'skipped' && result.status === 'skipped') return;
    this.done += 1;
    if (result.status !== 'passed') this.failed += 1;
    appendFileSync(this.outputFile, `${JSON.stringify({ done: this.done, total: this.total, failed: this.failed })}\n`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
