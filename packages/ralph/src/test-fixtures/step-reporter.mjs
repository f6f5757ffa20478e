// A Playwright reporter for ralph's tests: writes each test's API-call steps (flattened, in order), its status
// and its first error message to `outputFile` as JSON.
import { writeFileSync } from 'node:fs';

export default class StepReporter {
  constructor(options) {
    this.outputFile = options.outputFile;
    this.tests = {};
  }

  onStepBegin(test, result, step) {
    if (step.category === 'pw:api') (this.tests[test.title] ??= { apiSteps: [] }).apiSteps.push(step.title);
  }

  onTestEnd(test, result) {
    const entry = (this.tests[test.title] ??= { apiSteps: [] });
    entry.status = result.status;
    entry.error = result.errors[0]?.message;
  }

  onEnd() {
    writeFileSync(this.outputFile, JSON.stringify(this.tests));
  }
}
