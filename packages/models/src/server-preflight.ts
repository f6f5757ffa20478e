import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export type ProbeResult = { answered: true; status: number; body: string } | { answered: false; problem: string };

/**
 * One short HTTP GET (e.g. `/v1/models`) to learn whether a server is there before a client library
 * is involved: a refused or silent port is reported in `timeoutMs`, instead of an SDK that retries
 * forever. No keep-alive agent, so nothing stays open after the probe.
 */
export function probeHttp(url: string, timeoutMs: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const request = (url.startsWith('https:') ? httpsRequest : httpRequest)(url, { method: 'GET', agent: false, headers: { accept: 'application/json' } });
    let settled = false;
    const finish = (result: ProbeResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ answered: false, problem: `no HTTP answer within ${timeoutMs} ms` }), timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => finish({ answered: false, problem: error.code ?? error.message }));
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error: NodeJS.ErrnoException) => finish({ answered: false, problem: error.code ?? error.message }));
      response.on('end', () => finish({ answered: true, status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.end();
  });
}

/** Model ids from an OpenAI-style `GET /v1/models` body (`{ data: [{ id }] }`), or undefined if it is not one. */
export function modelIdsFromListBody(body: string): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null || !('data' in parsed) || !Array.isArray(parsed.data)) return undefined;
    return parsed.data.flatMap((entry: unknown) =>
      typeof entry === 'object' && entry !== null && 'id' in entry && typeof entry.id === 'string' ? [entry.id] : [],
    );
  } catch {
    return undefined;
  }
}

/** The model ids a `/models` list answers, for a ModelNotFoundError that says what is there instead; best effort, never throws. */
export async function listedModelIds(modelsUrl: string, timeoutMs = 2000): Promise<string[] | undefined> {
  const probe = await probeHttp(modelsUrl, timeoutMs);
  return probe.answered && probe.status === 200 ? modelIdsFromListBody(probe.body) : undefined;
}
