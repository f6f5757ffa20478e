import { ModelError, ModelOutputError } from './errors.js';
import { LANGUAGE_MODEL_INTERFACE_VERSION, type GenerateObjectRequest, type GenerateObjectResult, type LanguageModel } from './language-model.js';
import { appendTranscriptCall, startTranscriptFile, transcriptHeader, transcriptRequest } from './transcript-file.js';
import type { TranscriptCall } from './transcript-format.js';

export interface RecordingOptions {
  /** Written into the header; say what run this is. */
  description?: string;
}

/**
 * Wraps any model and appends every call to a transcript, successes and failures alike, so the run
 * can be replayed exactly: a malformed answer is recorded as the answer (replay re-parses it into the
 * same error), a transport failure as an error line.
 */
export class RecordingModel implements LanguageModel {
  readonly interfaceVersion = LANGUAGE_MODEL_INTERFACE_VERSION;
  readonly provider: string;
  readonly modelId: string;
  readonly scripted: boolean;
  readonly path: string;
  private readonly inner: LanguageModel;
  private nextIndex = 0;

  constructor(inner: LanguageModel, path: string, options: RecordingOptions = {}) {
    this.inner = inner;
    this.path = path;
    // Transparent wrapper: callers see the wrapped model's identity.
    this.provider = inner.provider;
    this.modelId = inner.modelId;
    this.scripted = inner.scripted;
    startTranscriptFile(
      path,
      transcriptHeader({
        scripted: inner.scripted,
        description: options.description ?? `Recorded from ${inner.provider}/${inner.modelId}`,
        provider: inner.provider,
        modelId: inner.modelId,
      }),
    );
  }

  async generateObject<OUTPUT>(request: GenerateObjectRequest<OUTPUT>): Promise<GenerateObjectResult<OUTPUT>> {
    const index = this.nextIndex;
    this.nextIndex += 1;
    const base = { type: 'call' as const, index, request: transcriptRequest(request as GenerateObjectRequest<unknown>) };
    let line: TranscriptCall;
    try {
      const result = await this.inner.generateObject(request);
      const { object: _object, ...call } = result;
      appendTranscriptCall(this.path, { ...base, response: call });
      return result;
    } catch (error) {
      if (error instanceof ModelOutputError) {
        line = { ...base, response: error.call };
      } else if (error instanceof ModelError) {
        line = { ...base, error: { code: error.code, message: error.message } };
      } else {
        line = { ...base, error: { code: error instanceof Error ? error.name : 'UNKNOWN', message: error instanceof Error ? error.message : String(error) } };
      }
      appendTranscriptCall(this.path, line);
      throw error;
    }
  }
}

export function withRecording(model: LanguageModel, path: string, options?: RecordingOptions): RecordingModel {
  return new RecordingModel(model, path, options);
}
