import { z } from 'zod';

/**
 * Lenient readers for what a run directory holds. Other parts of NDLI add fields over time (judge errors,
 * reasoning, server retries, fresh starts, …): every object keeps unknown fields (`looseObject`) and almost
 * every field is optional, so a file from an older or newer NDLI is shown, never rejected.
 */

const TokensSchema = z.looseObject({ prompt: z.number().optional(), completion: z.number().optional() });

export const RoundSummarySchema = z.looseObject({
  round: z.number(),
  kind: z.string().optional(),
  status: z.string().optional(),
  innerEndReason: z.string().optional(),
  refinements: z.number().optional(),
  calls: z.number().optional(),
  retries: z.number().optional(),
  truncations: z.number().optional(),
  tokens: TokensSchema.optional(),
  generateMs: z.number().optional(),
  judgeMs: z.number().optional(),
  passed: z.number().optional(),
  total: z.number().optional(),
  failingTitles: z.array(z.string()).optional(),
  fixedTitles: z.array(z.string()).optional(),
  regressedTitles: z.array(z.string()).optional(),
  /** Held-out tests (judged, never shown to the model): with them, `passed`/`total` count the visible tests only. */
  heldOutPassed: z.number().optional(),
  heldOutTotal: z.number().optional(),
  heldOutOutcome: z.string().optional(),
  /** Full titles (`describe › title`) of the held-out tests the app failed. */
  heldOutFailingTitles: z.array(z.string()).optional(),
});
export type RoundSummary = z.infer<typeof RoundSummarySchema>;

export const RunMetadataSchema = z.looseObject({
  kind: z.string().optional(),
  spec: z.string().optional(),
  artifactFileName: z.string().optional(),
  model: z.looseObject({ spec: z.string().optional(), provider: z.string().optional(), id: z.string().optional(), scripted: z.boolean().optional() }).optional(),
  mode: z.string().optional(),
  config: z.record(z.string(), z.unknown()).optional(),
  startedAt: z.string().optional(),
  updatedAt: z.string().optional(),
  endedAt: z.string().optional(),
  durationMs: z.number().optional(),
  status: z.string().optional(),
  endReason: z.string().optional(),
  error: z.looseObject({ code: z.string().optional(), message: z.string().optional() }).optional(),
  tokens: TokensSchema.optional(),
  rounds: z.array(RoundSummarySchema).optional(),
  best: z
    .looseObject({ round: z.number().optional(), passed: z.number().optional(), total: z.number().optional(), heldOutPassed: z.number().optional(), heldOutTotal: z.number().optional() })
    .optional(),
  /** The spec holds tests out: `measure` ends an overfit run, `reveal` makes the held-out failures FIX blockers from `revealedFromRound` on. */
  heldOut: z.looseObject({ mode: z.string().optional(), revealedFromRound: z.number().optional() }).optional(),
  resumes: z.number().optional(),
});
export type RunMetadata = z.infer<typeof RunMetadataSchema>;

/** One entry of a round's `candidates` (`--candidates N` > 1): the fields the viewer reads, the rest kept. */
export const CandidateSummarySchema = z.looseObject({
  candidate: z.number(),
  directory: z.string().optional(),
  status: z.string().optional(),
  passed: z.number().optional(),
  total: z.number().optional(),
  heldOutPassed: z.number().optional(),
  heldOutTotal: z.number().optional(),
});
export type CandidateSummary = z.infer<typeof CandidateSummarySchema>;

export const SolvedTaskSchema = z.looseObject({ name: z.string(), solution_code: z.string().default('') });
export const UnsolvedTaskSchema = z.looseObject({ name: z.string(), what_i_know: z.string().default(''), blockers: z.array(z.string()).default([]) });
export const ReasoningStateSchema = z.looseObject({
  solved_tasks: z.array(SolvedTaskSchema).default([]),
  unsolved_tasks: z.array(UnsolvedTaskSchema).default([]),
  blocker_answers: z.array(z.string()).default([]),
});
export type ReasoningState = z.infer<typeof ReasoningStateSchema>;

export const ServerAttemptSchema = z.looseObject({
  attempt: z.number().optional(),
  code: z.string().optional(),
  message: z.string().optional(),
  status: z.number().optional(),
  delayMs: z.number().optional(),
});
export type ServerAttempt = z.infer<typeof ServerAttemptSchema>;

/** `calls/NNN-<phase>.json`: one model call, success or failure. */
export const CallRecordSchema = z.looseObject({
  phase: z.string().default('unknown'),
  iteration: z.number().optional(),
  attempt: z.number().optional(),
  startedAt: z.string().optional(),
  schemaName: z.string().optional(),
  request: z.looseObject({ system: z.string().optional(), prompt: z.string().optional(), temperature: z.number().optional(), maxTokens: z.number().optional() }).optional(),
  rawText: z.string().nullable().optional(),
  reasoning: z.string().optional(),
  parsed: z.unknown().optional(),
  error: z.looseObject({ code: z.string().optional(), message: z.string().optional(), issues: z.array(z.string()).optional() }).nullable().optional(),
  usage: z.looseObject({ promptTokens: z.number().optional(), completionTokens: z.number().optional(), reasoningTokens: z.number().optional() }).nullable().optional(),
  timings: z.looseObject({ totalMs: z.number().optional(), timeToFirstTokenMs: z.number().optional(), tokensPerSecond: z.number().optional() }).nullable().optional(),
  finishReason: z.string().nullable().optional(),
  modelId: z.string().optional(),
  serverAttempts: z.array(ServerAttemptSchema).optional(),
  /** Slips the inner loop mended in this answer without a retry. */
  mends: z.array(z.looseObject({ kind: z.string().optional(), task: z.string().optional(), message: z.string().optional() })).optional(),
});
export type CallRecord = z.infer<typeof CallRecordSchema>;

export const TestOutcomeSchema = z.looseObject({
  title: z.string(),
  describePath: z.array(z.string()).default([]),
  file: z.string().default(''),
  line: z.number().optional(),
  status: z.string().default('unknown'),
  durationMs: z.number().optional(),
});
export type TestOutcome = z.infer<typeof TestOutcomeSchema>;

export const FailureSchema = z.looseObject({
  title: z.string(),
  group: z.string().default(''),
  describePath: z.array(z.string()).default([]),
  file: z.string().default(''),
  line: z.number().optional(),
  status: z.string().optional(),
  actions: z.array(z.string()).default([]),
  expected: z.string().optional(),
  actual: z.string().optional(),
  message: z.string().default(''),
  consoleErrors: z.array(z.string()).default([]),
  pageErrors: z.array(z.string()).default([]),
  dialogs: z.array(z.string()).default([]),
  blockedRequests: z.array(z.string()).default([]),
  errorContext: z.string().optional(),
  screenshot: z.string().optional(),
  trace: z.string().optional(),
});
export type Failure = z.infer<typeof FailureSchema>;

export const JudgeErrorSchema = z.looseObject({
  title: z.string(),
  describePath: z.array(z.string()).default([]),
  file: z.string().default(''),
  line: z.number().optional(),
  message: z.string().default(''),
});
export type JudgeError = z.infer<typeof JudgeErrorSchema>;

export const VerdictSchema = z.looseObject({
  spec: z.string().optional(),
  total: z.number().default(0),
  passed: z.number().default(0),
  failed: z.number().default(0),
  skipped: z.number().default(0),
  durationMs: z.number().optional(),
  tests: z.array(TestOutcomeSchema).default([]),
  failures: z.array(FailureSchema).default([]),
  runErrors: z.array(z.string()).default([]),
  judgeErrors: z.array(JudgeErrorSchema).default([]),
  flaky: z.array(z.string()).default([]),
  sandbox: z.looseObject({ osSandbox: z.boolean().optional(), reason: z.string().optional() }).optional(),
  outputDirectory: z.string().optional(),
});
export type Verdict = z.infer<typeof VerdictSchema>;

/** One line of an events file: only `type` is known for sure. */
export const EventSchema = z.looseObject({ type: z.string().default('unknown'), time: z.string().optional() });
export type RunEvent = z.infer<typeof EventSchema>;
