import { ModelSpecError } from '../../errors.js';

export const DEFAULT_LMSTUDIO_BASE_URL = 'ws://127.0.0.1:1234';

/** Both forms of the one LM Studio address: the SDK speaks WebSocket, the OpenAI-style API http. */
export interface LmStudioAddress {
  webSocketUrl: string;
  httpUrl: string;
  url: URL;
}

/**
 * The SDK must always be given a base URL: without one it probes ports on its own, never tries
 * 1234 in some setups, and leaves `model()` pending forever. Accepts ws(s):// and http(s)://,
 * with or without a trailing `/v1` (people paste the OpenAI-compatible URL).
 */
export function resolveLmStudioAddress(baseUrl?: string): LmStudioAddress {
  const raw = baseUrl ?? process.env['LMSTUDIO_BASE_URL'] ?? DEFAULT_LMSTUDIO_BASE_URL;
  let url: URL;
  try {
    url = new URL(raw.includes('://') ? raw : `ws://${raw}`);
  } catch {
    throw new ModelSpecError(`Invalid LM Studio base URL "${raw}".`, `Use a URL such as ${DEFAULT_LMSTUDIO_BASE_URL} (or set LMSTUDIO_BASE_URL).`);
  }
  const secure = url.protocol === 'https:' || url.protocol === 'wss:';
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) {
    throw new ModelSpecError(`Invalid LM Studio base URL "${raw}": the protocol must be ws, wss, http or https.`);
  }
  const authority = url.host;
  return {
    webSocketUrl: `${secure ? 'wss' : 'ws'}://${authority}`,
    httpUrl: `${secure ? 'https' : 'http'}://${authority}`,
    url: new URL(`${secure ? 'https' : 'http'}://${authority}`),
  };
}
