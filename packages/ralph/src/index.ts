// @ndli/ralph — the outer loop's judge: Playwright specs against an artifact → verdict → FIX blockers.
// The public surface is what the orchestrator, the specs package and the viewer use; spec files import
// `@ndli/ralph/spec` (the `app` fixture) or plain `@playwright/test`.
export {
  RalphError,
  SpecsDirectoryNotFoundError,
  SpecNotFoundError,
  SpecInvalidError,
  NotASpecFolderError,
  ArtifactInvalidError,
  BrowserNotFoundError,
  PlaywrightRunError,
  ReportInvalidError,
  RunAbortedError,
  JudgeClosedError,
  OutputDirectoryInUseError,
  type RalphErrorCode,
} from './errors.js';
export { loadSpec, isSpecPath, listSpecNames, findSpecsDirectory, SpecManifestSchema, HeldOutSchema, type HeldOut, type SpecFolder, type SpecManifest, type SpecLookupOptions } from './spec-folder/spec-folder.js';
export { resolveBrowser, CHROMIUM_ARGS } from './browser.js';
export { createJudge, runSpecs } from './judge.js';
export { defaultJudgeWorkers, type Judge, type JudgeOptions, type JudgeRunOptions, type RunSpecsOptions } from './judge-options.js';
export type { JudgeProgress } from './judge-progress.js';
export { VerdictSchema, verdictOutcome, type Verdict, type VerdictOutcome } from './verdict.js';
export { isHeldOut, partitionVerdict, heldOutProblems, type VerdictParts } from './held-out.js';
export { toFixBlockers, type FixBlocker } from './fix-blockers.js';
export { formatVerdict } from './format-verdict.js';
export { checkSpecFolder, checkSpecCoverage, formatSpecCheck, contractSections, COVERAGE_FILE, type MutationReport, type SpecCheckReport } from './spec-check/index.js';
