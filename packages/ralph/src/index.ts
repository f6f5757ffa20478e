// @ndli/ralph — the outer loop's judge: Playwright specs against an artifact → verdict → FIX blockers.
export { ARTIFACT_ENV, RUN_DIRECTORY_ENV, APP_ORIGIN, DIAGNOSTICS_ATTACHMENT } from './spec/judge-environment.js';
export type { AppDiagnostics } from './spec/app-fixture.js';
export {
  RalphError,
  SpecsDirectoryNotFoundError,
  SpecNotFoundError,
  SpecInvalidError,
  ArtifactInvalidError,
  BrowserNotFoundError,
  PlaywrightRunError,
  ReportInvalidError,
  RunAbortedError,
  JudgeClosedError,
  OutputDirectoryInUseError,
  type RalphErrorCode,
  type ArtifactProblem,
} from './errors.js';
export {
  loadSpec,
  isSpecPath,
  listSpecs,
  listSpecNames,
  findSpecsDirectory,
  readSpecFolder,
  SPECS_DIRECTORY_ENV,
  SpecManifestSchema,
  HeldOutSchema,
  type HeldOut,
  SpecFolderSchema,
  SeededBugSchema,
  VariantSchema,
  type SpecFolder,
  type SpecManifest,
  type SeededBug,
  type Variant,
  type SpecLookupOptions,
} from './spec-folder.js';
export { checkArtifact } from './artifact.js';
export { resolveBrowser, CHROMIUM_ARGS, CHROMIUM_PATH_ENV, BrowserChoiceSchema, type BrowserChoice, type BrowserOptions } from './browser.js';
export {
  createJudge,
  defaultJudgeWorkers,
  runSpecs,
  JUDGE_BEHAVIOUR_ENV,
  RERUN_DIRECTORY,
  type Judge,
  type JudgeOptions,
  type JudgeRunOptions,
  type RunSpecsOptions,
  type JudgeBehaviour,
} from './judge.js';
export { JudgeProgressSchema, type JudgeProgress } from './judge-progress.js';
export { isHarnessError } from './harness-error.js';
export { DEFAULT_RERUN_LIMIT, mergeRerun, rerunTitles } from './merge-rerun.js';
export { resolveSandbox, type Sandbox } from './sandbox.js';
export {
  VerdictSchema,
  FailureSchema,
  JudgeErrorSchema,
  SandboxSchema,
  TestOutcomeSchema,
  TestStatusSchema,
  verdictOutcome,
  type Verdict,
  type VerdictOutcome,
  type Failure,
  type JudgeError,
  type TestOutcome,
  type TestStatus,
} from './verdict.js';
export { PlaywrightReportSchema, type PlaywrightReport } from './playwright-report.js';
export { buildVerdict, type VerdictContext } from './build-verdict.js';
export { stripAnsi, parseExpectedActual, readableExpected, headline } from './assertion-message.js';
export { isHeldOut, partitionVerdict, heldOutProblems, type VerdictParts } from './held-out.js';
export { toFixBlockers, describeFailure, type FixBlocker, type FixBlockerOptions } from './fix-blockers.js';
export { formatVerdict } from './format-verdict.js';
export * from './spec-check/index.js';
