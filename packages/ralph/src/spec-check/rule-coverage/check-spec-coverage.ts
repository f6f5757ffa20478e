import { join } from 'node:path';
import type { SpecFolder } from '../../spec-folder/spec-folder.js';
import { checkCoverage, type CoverageSummary } from './check-coverage.js';
import { COVERAGE_FILE, readCoverageFile } from './coverage-file.js';
import { listSpecTests } from './list-spec-tests.js';

export interface SpecCoverageOptions {
  /** Full titles of the suite's tests when a run already listed them (the reference run); else Playwright lists them. */
  titles?: readonly string[];
  directory: string;
  executablePath: string;
}

export interface SpecCoverageResult {
  name: string;
  ok: boolean;
  problems: string[];
  /** Absent when coverage.json could not be read. */
  summary?: CoverageSummary;
}

/** The rule-coverage check of a spec folder: its coverage.json against its task.md and its tests. */
export async function checkSpecCoverage(spec: SpecFolder, options: SpecCoverageOptions): Promise<SpecCoverageResult> {
  const read = readCoverageFile(spec.directory);
  if ('problem' in read) return { name: `rule coverage (${COVERAGE_FILE})`, ok: false, problems: [read.problem] };
  const titles = options.titles ?? (await listSpecTests({ testsDirectory: spec.testsDirectory, cwd: spec.directory, directory: join(options.directory, 'coverage'), executablePath: options.executablePath }));
  // A run may list a test twice (a test re-run after a failure): one title is one test.
  const { problems, summary } = checkCoverage(spec.taskPrompt, read.coverage, [...new Set(titles)]);
  return { name: `rule coverage (${COVERAGE_FILE}: ${summary.tested} sentences tested, ${summary.untestable} untestable)`, ok: problems.length === 0, problems, summary };
}
