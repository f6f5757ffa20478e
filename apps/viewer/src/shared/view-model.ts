import type { BenchPlan, GroupSummary, TrialResult } from './bench-schemas.js';
import type { CallRecord, CandidateSummary, ReasoningState, RoundSummary, RunEvent, RunMetadata, Verdict } from './run-schemas.js';

/**
 * What the viewer's JSON API returns (and what `--export` embeds). Every place is a *location*: the
 * index of a root and a path inside it, written `<root>/<path>` (e.g. `0/run_20260131_143022`).
 * File links are URLs the server (or the static copy) answers, never paths on disk.
 */

export interface RunListItem {
  location: string;
  name: string;
  /** Set for a trial's run inside a bench. */
  bench?: string;
  status: string;
  spec: string;
  model: string;
  scripted: boolean;
  mode: string;
  rounds: number;
  /** Visible tests (the best round's, else the last judged one's). */
  passed?: number;
  total?: number;
  /** Held-out tests of the same round, when the spec holds some out. */
  heldOutPassed?: number;
  heldOutTotal?: number;
  tokens: number;
  durationMs: number;
  startedAt?: string;
  problem?: string;
}

export interface BenchListItem {
  location: string;
  name: string;
  models: string[];
  specs: string[];
  modes: string[];
  trials: number;
  finished: number;
  createdAt?: string;
  scripted: boolean;
}

export interface ViewerIndex {
  roots: string[];
  runs: RunListItem[];
  benches: BenchListItem[];
}

export interface StateSnapshot {
  /** `state_init`, `state_refine_2`, … */
  name: string;
  state?: ReasoningState;
  problem?: string;
}

export interface CallView {
  file: string;
  record?: CallRecord;
  problem?: string;
}

/** Evidence links of one failure, in the order of `verdict.failures`. */
export interface FailureLinks {
  title: string;
  screenshotUrl?: string;
  /** The trace on disk, for `npx playwright show-trace <path>`. */
  tracePath?: string;
}

/** One of a round's candidates (`--candidates N` > 1), from `round_N/candidates/K/`. */
export interface CandidateView {
  candidate: number;
  /** Its entry in the round's summary (status, verdict figures, held-out figures, tokens, error), as written. */
  summary?: CandidateSummary;
  /** Its own calls (candidate 1's loop is the round's, so its calls are the round's). */
  calls: CallView[];
  verdict?: Verdict;
  artifactUrl?: string;
  selected: boolean;
}

export interface RoundView {
  round: number;
  kind: string;
  summary?: RoundSummary;
  /** The inner loop's own metadata (settings, phases, end reason), kept as it is. */
  innerMetadata?: Record<string, unknown>;
  states: StateSnapshot[];
  calls: CallView[];
  verdict?: Verdict;
  verdictProblem?: string;
  failureLinks: FailureLinks[];
  artifactUrl?: string;
  events: RunEvent[];
  /** The round began the inner loop from scratch (a fresh start, possibly with pitfalls). */
  freshStart: boolean;
  /** With candidates: every one, its verdict and artifact; the round's verdict is the selected one's. */
  candidates?: CandidateView[];
}

export interface RunView {
  location: string;
  name: string;
  metadata?: RunMetadata;
  metadataProblem?: string;
  rounds: RoundView[];
  /** Orchestrator events (run-start, round-start, verdict, run-end, …), as written. */
  events: RunEvent[];
  /** Bytes in events.jsonl: the live view reloads when it grows. */
  eventsSize: number;
  artifactUrl?: string;
}

export interface BenchView {
  location: string;
  name: string;
  plan?: BenchPlan;
  problem?: string;
  groups: GroupSummary[];
  results: (TrialResult & { runLocation?: string })[];
  reportUrl?: string;
}

/** What a static copy embeds in `data.js`; the UI reads it instead of calling the API. */
export interface EmbeddedData {
  index: ViewerIndex;
  runs: Record<string, RunView>;
  benches: Record<string, BenchView>;
}
