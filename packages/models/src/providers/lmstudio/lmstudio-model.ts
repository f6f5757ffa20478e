import { LANGUAGE_MODEL_INTERFACE_VERSION, type GenerateObjectRequest, type GenerateObjectResult, type LanguageModel } from '../../language-model.js';
import { DEFAULT_IDLE_TIMEOUT_MS, DEFAULT_TOTAL_TIMEOUT_MS, startCallDeadline, type CallDeadline } from '../../call-deadline.js';
import { toLmStudioError, type LmStudioErrorContext } from './lmstudio-errors.js';
import { predictOnce } from './lmstudio-prediction.js';
import { withLmStudioClient } from './lmstudio-session.js';
import { generateWithRetries } from '../../retried-generation.js';
import type { TransportRetryOptions } from '../../transport-retry.js';

export interface LmStudioModelOptions extends TransportRetryOptions {
  /** ws://, wss://, http:// or https://; default env LMSTUDIO_BASE_URL, else ws://127.0.0.1:1234. */
  baseUrl?: string;
  /** Backstop for the whole call, retries included. Default 30 minutes. */
  timeoutMs?: number;
  /** Fails a call when LM Studio sends no sign of life (token, load or prompt progress) for this long. Default 120 s. */
  idleTimeoutMs?: number;
  /** Preflight and handshake. Default 3 s. */
  connectTimeoutMs?: number;
  /** At most one `onProgress` call per this many ms. Default 250. */
  progressIntervalMs?: number;
  /** For tests: the retry jitter source. */
  random?: () => number;
}

/**
 * LM Studio through its own SDK (the default provider). Every attempt gets a fresh client, model handle
 * and Chat, so no call sees another's messages and nothing stays open between calls.
 */
export class LmStudioModel implements LanguageModel {
  readonly interfaceVersion = LANGUAGE_MODEL_INTERFACE_VERSION;
  readonly provider = 'lmstudio';
  readonly scripted = false;
  readonly modelId: string;
  private readonly options: LmStudioModelOptions;
  /** Once LM Studio has answered, a refused connection means a restart (retried), not a server that is not there. */
  private serverSeen = false;

  constructor(modelId: string, options: LmStudioModelOptions = {}) {
    this.modelId = modelId;
    this.options = options;
  }

  async generateObject<OUTPUT>(request: GenerateObjectRequest<OUTPUT>): Promise<GenerateObjectResult<OUTPUT>> {
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS;
    const idleTimeoutMs = this.options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    const deadline = startCallDeadline({ callerSignal: request.abortSignal, idleTimeoutMs, totalTimeoutMs: timeoutMs });
    const context = (): LmStudioErrorContext => ({ modelId: this.modelId, stopCause: deadline.reason(), timeoutMs, idleTimeoutMs });
    try {
      if (deadline.signal.aborted) throw toLmStudioError(request.abortSignal?.reason, context());
      // The shared retry path: retries of server faults (a dropped connection, a failed load or prediction;
      // default 3, ≤ 30 s of waiting, retryBaseDelayMs honoured), failed attempts kept on the result and on a ModelOutputError.
      return await generateWithRetries(request, () => this.attempt(request, deadline, context), {
        provider: this.provider,
        modelId: this.modelId,
        retry: this.options,
        serverSeen: () => this.serverSeen,
        ...(this.options.random === undefined ? {} : { random: this.options.random }),
      });
    } finally {
      deadline.dispose();
    }
  }

  /** One attempt with a fresh client; every failure leaves as a ModelError the transport retry can judge. */
  private async attempt<OUTPUT>(request: GenerateObjectRequest<OUTPUT>, deadline: CallDeadline, context: () => LmStudioErrorContext) {
    deadline.touch();
    const session = { baseUrl: this.options.baseUrl, connectTimeoutMs: this.options.connectTimeoutMs, modelId: this.modelId };
    return withLmStudioClient(session, async (client) => {
      this.serverSeen = true;
      return predictOnce(client, { modelId: this.modelId, request, deadline, progressIntervalMs: this.options.progressIntervalMs });
    }).catch((error: unknown) => {
      const failure = toLmStudioError(error, context());
      // The transport retry may now wait before the next attempt: that wait is ours, not a silent server.
      deadline.pauseIdle();
      throw failure;
    });
  }
}
