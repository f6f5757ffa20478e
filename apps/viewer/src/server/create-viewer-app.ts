import { readFileSync, statSync } from 'node:fs';
import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { ARTIFACT_CSP, VIEWER_CSP } from './artifact-policy.js';
import { contentTypeOf } from './content-types.js';
import { serverLinks } from './links.js';
import { listDirectories } from './list-directories.js';
import { readBench } from './read-bench.js';
import { readRun, runSignature } from './read-run.js';
import { readUiAsset, uiShell } from './ui-assets.js';
import type { ViewerRoots } from './viewer-roots.js';

export interface ViewerAppOptions {
  roots: ViewerRoots;
  /** How often a live view checks its run for new events. */
  pollMs?: number;
}

/** The location after a route prefix, percent-decoded once (Hono leaves `%2F` and friends encoded). */
function locationAfter(context: Context, prefix: string): string | undefined {
  const raw = context.req.path.slice(prefix.length);
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

function notFound(context: Context, what: string) {
  return context.json({ error: { code: 'NOT_FOUND', message: `${what} is not a file or folder under the viewer's roots.` } }, 404);
}

/** A regular file at a location, or undefined (folders, missing files, anything outside the roots). */
function fileAt(roots: ViewerRoots, location: string | undefined): string | undefined {
  const path = location === undefined ? undefined : roots.resolve(location);
  return path !== undefined && statSync(path).isFile() ? path : undefined;
}

/**
 * The viewer's HTTP surface (Hono): the UI, a JSON API over the roots, files under the roots, the
 * artifact under the no-network policy, and a Server-Sent Events stream per run that ticks when it grows.
 */
export function createViewerApp(options: ViewerAppOptions): Hono {
  const { roots } = options;
  const pollMs = options.pollMs ?? 500;
  const app = new Hono();

  // Loopback only: refuse requests whose Host is not this machine (a page elsewhere rebinding a name to 127.0.0.1).
  app.use('*', async (context, next) => {
    const host = (context.req.header('host') ?? '').replace(/:\d+$/, '');
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) return context.json({ error: { code: 'HOST_REFUSED', message: `Host ${host} is not served; open the URL ndli view printed.` } }, 403);
    await next();
    context.header('X-Content-Type-Options', 'nosniff');
  });

  app.get('/', (context) => {
    context.header('Content-Security-Policy', VIEWER_CSP);
    return context.html(uiShell({ embeddedData: false }));
  });
  app.get('/assets/app.js', (context) => context.body(readUiAsset('app.js'), 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.get('/assets/app.css', (context) => context.body(readUiAsset('app.css'), 200, { 'Content-Type': 'text/css; charset=utf-8' }));

  app.get('/api/index', (context) => context.json(listDirectories(roots)));
  app.get('/api/run/*', (context) => {
    const location = locationAfter(context, '/api/run/');
    const view = location === undefined ? undefined : readRun(location, roots, serverLinks);
    return view ? context.json(view) : notFound(context, `Run ${location ?? '(malformed)'}`);
  });
  app.get('/api/bench/*', (context) => {
    const location = locationAfter(context, '/api/bench/');
    const view = location === undefined ? undefined : readBench(location, roots, serverLinks);
    return view ? context.json(view) : notFound(context, `Bench ${location ?? '(malformed)'}`);
  });

  app.get('/api/live/*', (context) => {
    const location = locationAfter(context, '/api/live/');
    const directory = location === undefined ? undefined : roots.resolve(location);
    if (!directory) return notFound(context, `Run ${location ?? '(malformed)'}`);
    return streamSSE(context, async (stream) => {
      let closed = false;
      stream.onAbort(() => {
        closed = true;
      });
      let last = runSignature(directory);
      await stream.writeSSE({ event: 'ready', data: last });
      while (!closed) {
        await stream.sleep(pollMs);
        const now = runSignature(directory);
        if (now !== last) {
          last = now;
          await stream.writeSSE({ event: 'changed', data: now });
        }
      }
    });
  });

  app.get('/files/*', (context) => {
    const location = locationAfter(context, '/files/');
    const path = fileAt(roots, location);
    if (!path) return notFound(context, `File ${location ?? '(malformed)'}`);
    return context.body(readFileSync(path), 200, { 'Content-Type': contentTypeOf(path), 'Content-Security-Policy': "default-src 'none'" });
  });

  app.get('/artifact/*', (context) => {
    const location = locationAfter(context, '/artifact/');
    const path = fileAt(roots, location);
    if (!path || !path.endsWith('.html')) return notFound(context, `Artifact ${location ?? '(malformed)'}`);
    return context.body(readFileSync(path, 'utf8'), 200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': ARTIFACT_CSP });
  });

  app.notFound((context) => context.json({ error: { code: 'NOT_FOUND', message: `${context.req.path} is not a viewer route.` } }, 404));
  app.onError((error, context) => context.json({ error: { code: 'VIEWER_ERROR', message: error.message } }, 500));
  return app;
}
