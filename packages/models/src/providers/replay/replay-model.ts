import { ModelAbortedError, ModelError, ReplayError } from '../../errors.js';
import { LANGUAGE_MODEL_INTERFACE_VERSION, type GenerateObjectRequest, type GenerateObjectResult, type LanguageModel } from '../../language-model.js';
import { parseModelOutput } from '../../parse-output.js';
import { readTranscript } from './transcript-file.js';
import { callRecordFromTranscript, isModelErrorCode, type Transcript } from './transcript-format.js';

/**
 * Answers calls in order from a transcript. Answers go through the same parsing as a live
 * provider's, so a recorded malformed answer reproduces the same ModelOutputError, and a recorded
 * transport failure is thrown again with its code.
 */
export class ReplayModel implements LanguageModel {
  readonly interfaceVersion = LANGUAGE_MODEL_INTERFACE_VERSION;
  readonly provider = 'replay';
  readonly modelId: string;
  readonly scripted: boolean;
  /** Where the transcript came from (file path), for messages. */
  readonly source: string;
  private readonly transcript: Transcript;
  private nextIndex = 0;

  constructor(transcript: Transcript, source = '<transcript>', options: { startIndex?: number } = {}) {
    const startIndex = options.startIndex ?? 0;
    if (!Number.isInteger(startIndex) || startIndex < 0 || startIndex > transcript.calls.length) {
      throw new ReplayError('REPLAY_MISMATCH', `Cannot start replaying ${source} at call #${startIndex + 1}: it has ${transcript.calls.length} calls.`, {
        modelId: transcript.header.model.modelId,
        hint: 'The run directory has more model calls than the transcript; was it recorded with other settings?',
      });
    }
    this.nextIndex = startIndex;
    this.transcript = transcript;
    this.source = source;
    this.scripted = transcript.header.scripted;
    this.modelId = transcript.header.model.modelId;
  }

  /** Reads and validates the whole file up front, so a bad transcript fails before the run starts. */
  static fromFile(path: string, options: { startIndex?: number } = {}): ReplayModel {
    return new ReplayModel(readTranscript(path), path, options);
  }

  get description(): string {
    return this.transcript.header.description;
  }

  /** Calls not yet replayed. */
  get remaining(): number {
    return this.transcript.calls.length - this.nextIndex;
  }

  async generateObject<OUTPUT>(request: GenerateObjectRequest<OUTPUT>): Promise<GenerateObjectResult<OUTPUT>> {
    if (request.abortSignal?.aborted) throw new ModelAbortedError({ provider: this.provider, modelId: this.modelId });
    const index = this.nextIndex;
    const recorded = this.transcript.calls[index];
    if (recorded === undefined) {
      throw new ReplayError('REPLAY_EXHAUSTED', `Transcript ${this.source} has ${this.transcript.calls.length} calls; call #${index + 1} (schema ${request.schemaName}) has no recorded answer.`, {
        modelId: this.modelId,
        hint: 'The run made more model calls than were recorded (different settings, spec or code?). Re-record the transcript with a live model, or run with the same options it was recorded with.',
      });
    }
    if (recorded.request.schemaName !== request.schemaName) {
      throw new ReplayError(
        'REPLAY_MISMATCH',
        `Transcript ${this.source} call #${index + 1} was recorded for schema "${recorded.request.schemaName}", but the run asked for "${request.schemaName}".`,
        { modelId: this.modelId, hint: 'The run diverged from the recording (code or options changed since it was recorded). Re-record the transcript.' },
      );
    }
    this.nextIndex += 1;
    if ('error' in recorded) {
      const { code, message } = recorded.error;
      // The original error class cannot be rebuilt from JSON; its stable code and message can.
      if (isModelErrorCode(code)) throw new ModelError(code, message, { provider: this.provider, modelId: this.modelId, hint: 'Replayed from the transcript: the original run failed here too.' });
      throw new Error(message);
    }
    return parseModelOutput(callRecordFromTranscript(recorded.response), request.schema, this.provider);
  }
}
