/** Every error this package throws has a stable `code`; researchers and the CLI switch on it. */
export type LatentErrorCode =
  | 'PHASE_OUTPUT_INVALID'
  | 'LATENT_INPUT_INVALID'
  | 'LOOP_INTERRUPTED'
  | 'RESUME_STATE_INVALID'
  | 'PROMPT_TEMPLATE_INVALID';

export class LatentError extends Error {
  override readonly name: string = 'LatentError';
  readonly code: LatentErrorCode;
  constructor(code: LatentErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Phase names as they appear in events, call files and errors. */
export type PhaseName = 'init' | 'refine' | 'generate' | 'fix' | 'one-shot';

/** One rejected (or accepted) answer, kept verbatim: malformed output is research data. */
export interface PhaseAttempt {
  attempt: number;
  /** `MODEL_OUTPUT_*` from the provider, or `PHASE_CHECK_FAILED` when a check after zod rejected it. */
  code: string;
  issues: readonly string[];
  rawText: string;
  finishReason: string;
}

/** Every attempt of a phase produced bad output (invalid JSON, schema mismatch, failed check, truncation). */
export class PhaseOutputError extends LatentError {
  override readonly name = 'PhaseOutputError';
  readonly phase: PhaseName;
  readonly iteration: number;
  readonly modelId: string;
  readonly attempts: readonly PhaseAttempt[];
  /** Tokens of all attempts together. */
  readonly tokens: { prompt: number; completion: number };
  constructor(options: {
    phase: PhaseName;
    iteration: number;
    modelId: string;
    attempts: readonly PhaseAttempt[];
    tokens?: { prompt: number; completion: number };
    cause?: unknown;
  }) {
    const last = options.attempts.at(-1);
    super(
      'PHASE_OUTPUT_INVALID',
      `The ${options.phase} phase got no usable output from "${options.modelId}" after ${options.attempts.length} attempt(s); ` +
        `last: ${last?.code ?? 'none'}: ${last?.issues.slice(0, 3).join('; ') ?? ''}`,
      { cause: options.cause },
    );
    this.phase = options.phase;
    this.iteration = options.iteration;
    this.modelId = options.modelId;
    this.attempts = options.attempts;
    this.tokens = options.tokens ?? { prompt: 0, completion: 0 };
  }
}

/** The caller passed options, settings, a previous state or failures that do not validate. */
export class LatentInputError extends LatentError {
  override readonly name = 'LatentInputError';
  readonly issues: readonly string[];
  constructor(message: string, issues: readonly string[] = []) {
    super('LATENT_INPUT_INVALID', issues.length > 0 ? `${message}: ${issues.join('; ')}` : message);
    this.issues = issues;
  }
}

/** The abort signal fired; everything produced so far is saved and the run is marked `interrupted`. */
export class LoopInterruptedError extends LatentError {
  override readonly name = 'LoopInterruptedError';
  constructor(options?: { cause?: unknown }) {
    super('LOOP_INTERRUPTED', 'The latent loop was interrupted; the run directory holds every state produced so far.', options);
  }
}

/** A state file found when resuming does not parse or does not match the schema. */
export class ResumeStateError extends LatentError {
  override readonly name = 'ResumeStateError';
  readonly file: string;
  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super('RESUME_STATE_INVALID', `Cannot resume from ${file}: ${message}`, options);
    this.file = file;
  }
}

/** A prompt file lacks a section or a placeholder has no value: a bug in this package, not in the input. */
export class PromptTemplateError extends LatentError {
  override readonly name = 'PromptTemplateError';
  constructor(message: string) {
    super('PROMPT_TEMPLATE_INVALID', message);
  }
}
