// The spec check (`ndli spec check`): is a spec folder sound, and how strong are its tests (mutation score)?
export { checkSpecFolder, checkTaskPrompt, checkTitles, type CheckResult, type SpecCheckOptions, type SpecCheckReport } from './check-spec-folder.js';
export { PASS_SIZES, type MutantReport, type MutationReport } from './check-mutants.js';
export { classifyMutant, mutationScore, type MutantOutcome, type MutantStatus, type MutationScore } from './classify-mutant.js';
export { instrumentReference, MutantSchema, type Mutant, type InstrumentedReference } from './instrument-reference.js';
export { mutantDiff } from './mutant-diff.js';
export { sampleReproducibly } from './sample-mutants.js';
export { scheduleMutants } from './schedule-mutants.js';
export { evidenceFolder, sharedEvidence } from './evidence-folder.js';
export { formatSpecCheck } from './format-spec-check.js';
export { SpecCheckError, ScriptUnparsableError, MutationRunError, type SpecCheckErrorCode } from './errors.js';
export { checkSpecCoverage, type SpecCoverageOptions, type SpecCoverageResult } from './rule-coverage/check-spec-coverage.js';
export { checkCoverage, type CoverageSummary, type CoverageVerdict } from './rule-coverage/check-coverage.js';
export { CoverageFileSchema, COVERAGE_FILE, type CoverageFile, type CoverageEntry } from './rule-coverage/coverage-file.js';
export { listSpecTests } from './rule-coverage/list-spec-tests.js';
export { contractSections, type ContractSection } from './rule-coverage/contract-sections.js';
export { flakyTests, type RunResults } from './repeat/flaky-tests.js';
