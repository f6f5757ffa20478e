import type { LoopUsage } from '@ndli/latent-core';
import type { CandidateSummary, RoundSummary, RunMetadata, RunStatus, Tokens } from './run-metadata.js';
import type { RunStore } from './run-store.js';

/** What a finished (or stopped) inner loop reports for its round or candidate. */
export interface GenerationResult {
  usage: LoopUsage;
  endReason?: string;
  refinements?: number;
  durationMs?: number;
  /** Its GENERATE (or one-shot) call's tokens, when this session made that call. */
  generateTokens?: Tokens;
}

/** The verdict figures a round or a candidate keeps. */
export type VerdictFields = Pick<RoundSummary, 'passed' | 'total' | 'outcome' | 'failingTitles' | 'judgeErrors' | 'artifactHash' | 'judgeMs' | 'heldOutPassed' | 'heldOutTotal'>;

type UsageHolder = Pick<RoundSummary, 'calls' | 'retries' | 'truncations' | 'tokens'>;

function sumTokens(values: readonly { tokens: Tokens }[]): Tokens {
  return values.reduce((sum, value) => ({ prompt: sum.prompt + value.tokens.prompt, completion: sum.completion + value.tokens.completion }), { prompt: 0, completion: 0 });
}

function setUsage(holder: UsageHolder, usage: LoopUsage): void {
  holder.tokens = { prompt: usage.tokens.prompt, completion: usage.tokens.completion };
  holder.calls = usage.calls;
  holder.retries = usage.retries;
  holder.truncations = usage.truncations;
}

/**
 * The one owner of a run's `run_metadata.json`: every change goes through a named transition here, and
 * every transition saves. There is one token ledger, the rounds' (a round with candidates sums its
 * candidates'); the run's totals and `durationMs` are derived on every save, never moved by difference.
 */
export class RunRecord {
  private readonly sessionStarted = Date.now();
  private readonly durationBefore: number;

  constructor(
    readonly store: RunStore,
    private readonly data: RunMetadata,
  ) {
    this.durationBefore = data.durationMs;
  }

  /** The record as it stands (read it, never change it: use the transitions). */
  get metadata(): Readonly<RunMetadata> {
    return this.data;
  }

  round(round: number): Readonly<RoundSummary> | undefined {
    return this.data.rounds[round - 1];
  }

  /** Wall time over the original run and every resume, this session included. */
  elapsedMs(): number {
    return this.durationBefore + (Date.now() - this.sessionStarted);
  }

  /** A session (start or resume) begins: the run is running again. A judge-error end is reopened for one more re-judge. */
  beginSession(options: { resumed: boolean; scripted: boolean }): void {
    const data = this.data;
    if (options.resumed) {
      data.resumes += 1;
      const last = data.rounds.at(-1);
      if (data.status === 'judge-error' && last !== undefined) this.reopenForRejudge(last.round, { save: false });
    }
    data.model.scripted = options.scripted;
    data.status = 'running';
    delete data.endedAt;
    delete data.error;
    this.save();
  }

  openRound(round: number, fields: Pick<RoundSummary, 'kind' | 'attempt'> & Partial<RoundSummary>): RoundSummary {
    const summary: RoundSummary = { round, status: 'generating', calls: 0, retries: 0, truncations: 0, judgeErrors: 0, tokens: { prompt: 0, completion: 0 }, ...fields };
    this.data.rounds[round - 1] = summary;
    this.save();
    return summary;
  }

  /** How the run treats the spec's held-out tests (set when a session begins). */
  recordHeldOutMode(mode: 'measure' | 'reveal'): void {
    this.data.heldOut = { ...this.data.heldOut, mode };
    this.save();
  }

  /** `--held-out reveal`: from `round` on, held-out failures are FIX blockers (the visible tests had all passed). */
  revealHeldOut(round: number): void {
    this.data.heldOut = { mode: 'reveal', revealedFromRound: round };
    this.save();
  }

  /** A fresh start after stagnation (the round it opens comes next). */
  recordRestart(): void {
    this.data.restarts += 1;
    this.save();
  }

  startGenerating(round: number): void {
    this.mutableRound(round).status = 'generating';
    this.save();
  }

  /** The round's candidates (`--candidates N` > 1), as they start generating; a resumed round keeps those it has. */
  openCandidates(round: number, scope: 'generate' | 'loop', candidates: readonly Pick<CandidateSummary, 'candidate' | 'directory' | 'seed'>[]): void {
    const summary = this.mutableRound(round);
    summary.candidateScope = scope;
    const existing = summary.candidates ?? [];
    summary.candidates = candidates.map(
      (fresh) => existing.find((kept) => kept.candidate === fresh.candidate) ?? { ...fresh, status: 'generating', calls: 0, retries: 0, truncations: 0, judgeErrors: 0, tokens: { prompt: 0, completion: 0 } },
    );
    this.refreshRoundUsage(summary);
    this.save();
  }

  /** One finished model call, counted as it happens so a killed run keeps true totals. */
  addCallUsage(round: number, candidate: number | undefined, tokens: Tokens): void {
    const summary = this.mutableRound(round);
    const holder: UsageHolder = (candidate === undefined ? undefined : this.mutableCandidate(summary, candidate)) ?? summary;
    holder.tokens = { prompt: holder.tokens.prompt + tokens.prompt, completion: holder.tokens.completion + tokens.completion };
    holder.calls += 1;
    this.refreshRoundUsage(summary);
    this.save();
  }

  /**
   * The inner loop's own totals (cumulative over its sessions) replace what was counted call by call: the loop
   * knows retries and truncations too, and a resumed loop's calls set aside are not counted twice.
   */
  recordGeneration(round: number, candidate: number | undefined, result: GenerationResult): void {
    const summary = this.mutableRound(round);
    const target = candidate === undefined ? summary : this.mutableCandidate(summary, candidate);
    if (target === undefined) return;
    setUsage(target, result.usage);
    if (result.endReason !== undefined) target.innerEndReason = result.endReason;
    if (result.durationMs !== undefined) target.generateMs = result.durationMs;
    if (result.generateTokens !== undefined && candidate !== undefined) (target as CandidateSummary).generateTokens = result.generateTokens;
    // The round's refinements are its own inner loop's (candidate 1 runs in the round's directory).
    if (result.refinements !== undefined && (candidate === undefined || candidate === 1)) summary.refinements = result.refinements;
    this.refreshRoundUsage(summary);
    this.save();
  }

  /** A candidate whose model or judge failed: kept with its error, the round goes on with the others. */
  failCandidate(round: number, candidate: number, error: { code: string; message: string }): void {
    const entry = this.mutableCandidate(this.mutableRound(round), candidate);
    if (entry === undefined) return;
    entry.status = 'error';
    entry.error = error;
    this.save();
  }

  startJudging(round: number, candidate?: number): void {
    const summary = this.mutableRound(round);
    if (candidate === undefined) summary.status = 'judging';
    else {
      const entry = this.mutableCandidate(summary, candidate);
      if (entry) entry.status = 'judging';
    }
    this.save();
  }

  recordCandidateVerdict(round: number, candidate: number, fields: VerdictFields & { verdictReusedFrom?: string | undefined }): void {
    const entry = this.mutableCandidate(this.mutableRound(round), candidate);
    if (entry === undefined) return;
    const { verdictReusedFrom, ...rest } = fields;
    Object.assign(entry, rest, { status: 'judged' } satisfies Partial<CandidateSummary>);
    if (verdictReusedFrom === undefined) delete entry.verdictReusedFrom;
    else entry.verdictReusedFrom = verdictReusedFrom;
    delete entry.error;
    this.save();
  }

  /** The round's verdict (its selected candidate's, with N > 1), and whether it is the run's new best. */
  recordVerdict(
    round: number,
    fields: Omit<Partial<RoundSummary>, 'round' | 'kind' | 'attempt' | 'status' | 'candidates' | 'tokens' | 'calls' | 'retries' | 'truncations'>,
    best: boolean,
  ): void {
    const summary = this.mutableRound(round);
    Object.assign(summary, fields, { status: 'judged' } satisfies Partial<RoundSummary>);
    if (fields.verdictReusedFrom === undefined) delete summary.verdictReusedFrom;
    if (best && summary.passed !== undefined && summary.total !== undefined) {
      const heldOut = summary.heldOutTotal === undefined ? {} : { heldOutPassed: summary.heldOutPassed ?? 0, heldOutTotal: summary.heldOutTotal };
      this.data.best = { round, passed: summary.passed, total: summary.total, ...heldOut };
    }
    this.save();
  }

  /**
   * A round stopped before its verdict: what its inner loops spent (read from their own records) is kept;
   * `error` marks it failed (a model or server error), otherwise it stays resumable as it is.
   */
  failRound(round: number, spent: { candidate: number | undefined; usage: LoopUsage | undefined }[], error: boolean): void {
    const summary = this.mutableRound(round);
    for (const { candidate, usage } of spent) {
      const target = candidate === undefined ? summary : this.mutableCandidate(summary, candidate);
      if (target && usage) setUsage(target, usage);
    }
    this.refreshRoundUsage(summary);
    if (error) summary.status = 'error';
    this.save();
  }

  /** The same artifact is judged once more (a judge-error verdict, or resuming a run that ended on one). */
  reopenForRejudge(round: number, options: { save: boolean } = { save: true }): void {
    const summary = this.mutableRound(round);
    summary.status = 'judging';
    summary.rejudged = false;
    if (options.save) this.save();
  }

  end(status: RunStatus, endReason: string, error?: { code: string; message: string }): void {
    const data = this.data;
    data.status = status;
    data.endReason = endReason;
    if (status !== 'interrupted') data.endedAt = new Date().toISOString();
    if (error !== undefined) data.error = error;
    this.save();
  }

  /** Writes the record: derived totals first. */
  save(): void {
    this.data.durationMs = this.elapsedMs();
    this.data.tokens = sumTokens(this.data.rounds);
    this.store.writeMetadata(this.data);
  }

  private refreshRoundUsage(summary: RoundSummary): void {
    const candidates = summary.candidates;
    if (candidates === undefined || candidates.length === 0) return;
    summary.tokens = sumTokens(candidates);
    summary.calls = candidates.reduce((sum, candidate) => sum + candidate.calls, 0);
    summary.retries = candidates.reduce((sum, candidate) => sum + candidate.retries, 0);
    summary.truncations = candidates.reduce((sum, candidate) => sum + candidate.truncations, 0);
  }

  private mutableRound(round: number): RoundSummary {
    const summary = this.data.rounds[round - 1];
    if (summary === undefined) throw new Error(`Round ${round} was never opened.`);
    return summary;
  }

  private mutableCandidate(summary: RoundSummary, candidate: number): CandidateSummary | undefined {
    return summary.candidates?.find((entry) => entry.candidate === candidate);
  }
}
