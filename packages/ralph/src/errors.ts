export type RalphErrorCode =
  | 'SPECS_DIRECTORY_NOT_FOUND'
  | 'SPEC_NOT_FOUND'
  | 'SPEC_INVALID'
  | 'NOT_A_SPEC_FOLDER'
  | 'ARTIFACT_MISSING'
  | 'ARTIFACT_EMPTY'
  | 'ARTIFACT_NOT_HTML'
  | 'BROWSER_NOT_FOUND'
  | 'PLAYWRIGHT_RUN_FAILED'
  | 'REPORT_INVALID'
  | 'RUN_ABORTED'
  | 'JUDGE_CLOSED'
  | 'OUTPUT_DIRECTORY_IN_USE';

/** Base of every error ralph throws. `code` is stable; `hint` tells a user what to do. */
export class RalphError extends Error {
  override readonly name: string = 'RalphError';
  readonly code: RalphErrorCode;
  readonly hint: string | undefined;

  constructor(code: RalphErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
  }
}

/** No `specs/` directory could be found (option, `NDLI_SPECS_DIR`, or walking up from cwd). */
export class SpecsDirectoryNotFoundError extends RalphError {
  override readonly name = 'SpecsDirectoryNotFoundError';
  readonly searched: readonly string[];
  constructor(searched: readonly string[]) {
    super('SPECS_DIRECTORY_NOT_FOUND', `No specs directory found (looked in: ${searched.join(', ')}).`, {
      hint: 'Pass specsDirectory, set NDLI_SPECS_DIR, or run from inside the repository (which has a specs/ folder).',
    });
    this.searched = searched;
  }
}

/** The requested spec is not a folder of the specs directory. */
export class SpecNotFoundError extends RalphError {
  override readonly name = 'SpecNotFoundError';
  readonly spec: string;
  readonly specsDirectory: string;
  readonly availableSpecs: readonly string[];
  constructor(options: { spec: string; specsDirectory: string; availableSpecs: readonly string[] }) {
    const available = options.availableSpecs.length > 0 ? options.availableSpecs.join(', ') : '(none)';
    super('SPEC_NOT_FOUND', `Unknown spec "${options.spec}" in ${options.specsDirectory}. Available specs: ${available}.`, {
      hint:
        options.availableSpecs.length > 0
          ? `Use one of: ${available}; or a path to a spec folder (one with spec.json).`
          : 'Pass a path to a spec folder (one with spec.json), or make one: `ndli spec new <name>`.',
    });
    this.spec = options.spec;
    this.specsDirectory = options.specsDirectory;
    this.availableSpecs = options.availableSpecs;
  }
}

/** A spec folder exists but does not follow the layout of specs/README.md. */
export class SpecInvalidError extends RalphError {
  override readonly name = 'SpecInvalidError';
  readonly directory: string;
  readonly problems: readonly string[];
  constructor(options: { directory: string; problems: readonly string[] }) {
    super('SPEC_INVALID', `Spec folder ${options.directory} is invalid: ${options.problems.join('; ')}.`, {
      hint: 'See specs/README.md for the layout of a spec folder.',
    });
    this.directory = options.directory;
    this.problems = options.problems;
  }
}

/** A folder given as a spec has no spec.json: a folder of tests, or a spec not made yet. */
export class NotASpecFolderError extends RalphError {
  override readonly name = 'NotASpecFolderError';
  readonly directory: string;
  constructor(directory: string) {
    super('NOT_A_SPEC_FOLDER', `${directory} is not a spec folder: it has no spec.json.`, {
      hint: `Make one: \`ndli spec new <name> --plain\` scaffolds a spec folder for a plain Playwright suite; \`ndli spec import ${directory} --task <task.md>\` makes one from a folder of Playwright tests.`,
    });
    this.directory = directory;
  }
}

export type ArtifactProblem = 'ARTIFACT_MISSING' | 'ARTIFACT_EMPTY' | 'ARTIFACT_NOT_HTML';

/** The artifact to judge is missing, empty or not an HTML document; raised before any browser starts. */
export class ArtifactInvalidError extends RalphError {
  override readonly name = 'ArtifactInvalidError';
  readonly artifact: string;
  constructor(code: ArtifactProblem, artifact: string, message: string, hint: string) {
    super(code, message, { hint });
    this.artifact = artifact;
  }
}

/** No Chromium to run the specs with. */
export class BrowserNotFoundError extends RalphError {
  override readonly name = 'BrowserNotFoundError';
  readonly candidates: readonly string[];
  constructor(candidates: readonly string[]) {
    super('BROWSER_NOT_FOUND', `No Chromium found (looked for: ${candidates.join(', ')}).`, {
      hint: 'Install one: `pnpm exec playwright install chromium`, or `apt-get install chromium-headless-shell` (or `chromium`), or set CHROMIUM_PATH to a Chromium executable.',
    });
    this.candidates = candidates;
  }
}

/** Playwright ended without a usable JSON report (crash, bad spec file, killed after the wall-clock limit). */
export class PlaywrightRunError extends RalphError {
  override readonly name = 'PlaywrightRunError';
  readonly exitCode: number | undefined;
  readonly stderr: string;
  readonly stdout: string;
  constructor(message: string, options: { exitCode: number | undefined; stdout: string; stderr: string; cause?: unknown }) {
    super('PLAYWRIGHT_RUN_FAILED', message, {
      hint: 'Check the spec files load: a syntax error, or an import the spec folder cannot resolve (a spec resolves @playwright/test, @ndli/ralph/spec, Node built-ins and its own files; nothing else is installed for it). The message above and the stderr attached to this error have Playwright\'s own words.',
      cause: options.cause,
    });
    this.exitCode = options.exitCode;
    this.stderr = options.stderr;
    this.stdout = options.stdout;
  }
}

/** The JSON report Playwright wrote does not have the expected shape. */
export class ReportInvalidError extends RalphError {
  override readonly name = 'ReportInvalidError';
  readonly reportPath: string;
  readonly issues: readonly string[];
  constructor(reportPath: string, issues: readonly string[]) {
    super('REPORT_INVALID', `Playwright's JSON report ${reportPath} has an unexpected shape: ${issues.slice(0, 5).join('; ')}.`, {
      hint: 'ralph expects the report format of @playwright/test ~1.65.',
    });
    this.reportPath = reportPath;
    this.issues = issues;
  }
}

/** The caller aborted the run through its AbortSignal. */
export class RunAbortedError extends RalphError {
  override readonly name = 'RunAbortedError';
  constructor(cause?: unknown) {
    super('RUN_ABORTED', 'The spec run was aborted.', { cause });
  }
}

/** `judge.run()` after `judge.close()`. */
export class JudgeClosedError extends RalphError {
  override readonly name = 'JudgeClosedError';
  constructor() {
    super('JUDGE_CLOSED', 'This judge is closed; create a new one with createJudge().');
  }
}

/**
 * Another judge is writing into the same output directory right now. Two judges in one directory delete each
 * other's Playwright artifacts mid-run (the ENOENT on `.playwright-artifacts-N/traces/…`), so the second one stops.
 */
export class OutputDirectoryInUseError extends RalphError {
  override readonly name = 'OutputDirectoryInUseError';
  readonly outputDirectory: string;
  readonly owner: string | undefined;
  constructor(outputDirectory: string, owner: string | undefined) {
    super('OUTPUT_DIRECTORY_IN_USE', `Another judge is writing into ${outputDirectory}${owner ? ` (${owner})` : ''}.`, {
      hint: 'Give each judge run its own outputDirectory, or wait until the other run has finished.',
    });
    this.outputDirectory = outputDirectory;
    this.owner = owner;
  }
}
