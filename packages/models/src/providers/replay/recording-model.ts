import { ModelAbortedError, ModelError, ModelOutputError } from '../../errors.js';
import { LANGUAGE_MODEL_INTERFACE_VERSION, type GenerateObjectRequest, type GenerateObjectResult, type LanguageModel } from '../../language-model.js';
import { appendTranscriptCall, continueTranscriptFile, startTranscriptFile, transcriptHeader, transcriptRequest } from './transcript-file.js';
import type { TranscriptCall, TranscriptResponse } from './transcript-format.js';

export interface RecordingOptions {
  /** Written into the header; say what run this is. */
  description?: string;
  /**
   * Continue an existing transcript (a resumed run) instead of starting a new file: the header is
   * written once, calls keep their numbering, and the file replays the whole run.
   */
  append?: boolean;
  /**
   * With `append`: the calls the run itself has saved. Transcript lines past them are orphans of a kill (recorded,
   * never saved by the run, made again on resume) and are dropped so a replay of the file stays in step.
   */
  keepCalls?: number;
}

/**
 * Wraps any model and appends every call to a transcript, successes and failures alike, so the run
 * can be replayed exactly: a malformed answer is recorded as the answer (replay re-parses it into the
 * same error), a transport failure as an error line. With `append`, a resumed session continues the
 * same file, so the transcript of a resumed run replays the whole run.
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
    const header = transcriptHeader({
      scripted: inner.scripted,
      description: options.description ?? `Recorded from ${inner.provider}/${inner.modelId}`,
      provider: inner.provider,
      modelId: inner.modelId,
    });
    if (options.append) {
      this.nextIndex = continueTranscriptFile(path, header, options.keepCalls === undefined ? {} : { keepCalls: options.keepCalls });
    } else {
      startTranscriptFile(path, header);
    }
  }

  async generateObject<OUTPUT>(request: GenerateObjectRequest<OUTPUT>): Promise<GenerateObjectResult<OUTPUT>> {
    const recorded = transcriptRequest(request as GenerateObjectRequest<unknown>);
    // Numbered when it finishes: a call that leaves no line (aborted) leaves no gap either.
    const append = (entry: { response: TranscriptResponse } | { error: { code: string; message: string } }) => {
      const line: TranscriptCall = { type: 'call', index: this.nextIndex, request: recorded, ...entry };
      this.nextIndex += 1;
      appendTranscriptCall(this.path, line);
    };
    try {
      const result = await this.inner.generateObject(request);
      const { object: _object, ...call } = result;
      append({ response: call });
      return result;
    } catch (error) {
      // A call cut short by Ctrl-C or a budget has no answer: a resumed run makes it again, and a replay
      // of the whole transcript must not stop where the recording was interrupted.
      if (error instanceof ModelAbortedError) throw error;
      if (error instanceof ModelOutputError) append({ response: error.call });
      else if (error instanceof ModelError) append({ error: { code: error.code, message: error.message } });
      else append({ error: { code: error instanceof Error ? error.name : 'UNKNOWN', message: error instanceof Error ? error.message : String(error) } });
      throw error;
    }
  }
}

export function withRecording(model: LanguageModel, path: string, options?: RecordingOptions): RecordingModel {
  return new RecordingModel(model, path, options);
}
