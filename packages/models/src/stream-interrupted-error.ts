/**
 * A stream ended before the answer was complete: the connection dropped, the server sent an error
 * event, or it closed without saying it was done. A transient fault (retried); the partial text is kept.
 */
export class StreamInterruptedError extends Error {
  override readonly name = 'StreamInterruptedError';
  constructor(
    message: string,
    readonly partialText: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}
