import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createViewerApp } from './create-viewer-app.js';
import { ensureUiBundle } from './ui-assets.js';
import { ViewerRoots } from './viewer-roots.js';

export interface StartViewerOptions {
  roots: readonly string[];
  /** 0 picks a free port. */
  port: number;
  pollMs?: number;
}

export interface RunningViewer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export class ViewerStartError extends Error {
  readonly code = 'VIEWER_START_FAILED';
  constructor(
    message: string,
    readonly port: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ViewerStartError';
  }
}

/** Serves the viewer on 127.0.0.1 only (never on other interfaces) and resolves once it listens. */
export async function startViewer(options: StartViewerOptions): Promise<RunningViewer> {
  ensureUiBundle();
  const app = createViewerApp({ roots: new ViewerRoots(options.roots), ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}) });
  const server = await new Promise<ServerType>((resolvePromise, reject) => {
    const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: options.port }, () => resolvePromise(started));
    started.once('error', (cause: NodeJS.ErrnoException) =>
      reject(new ViewerStartError(cause.code === 'EADDRINUSE' ? `Port ${options.port} is already in use; pass another --port (0 picks a free one).` : `The viewer could not listen on 127.0.0.1:${options.port}: ${cause.message}`, options.port, { cause })),
    );
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolvePromise) => {
        // Live views hold their event streams open; end them so close() does not wait for the browser.
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolvePromise());
      }),
  };
}
