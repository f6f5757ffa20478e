import type { BenchView, EmbeddedData, RunView, ViewerIndex } from '../shared/view-model.js';

declare global {
  interface Window {
    /** Set by `data.js` in a static export. */
    __NDLI_DATA__?: EmbeddedData;
  }
}

/** The viewer reads from the server's API, or from the data a static export embedded. */
export const embedded = (): EmbeddedData | undefined => window.__NDLI_DATA__;

function encodeLocation(location: string): string {
  return location.split('/').map(encodeURIComponent).join('/');
}

async function getJson<VALUE>(url: string): Promise<VALUE> {
  const response = await fetch(url);
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
    throw new Error(body.error?.message ?? `${url} answered ${response.status}`);
  }
  return (await response.json()) as VALUE;
}

export async function loadIndex(): Promise<ViewerIndex> {
  const data = embedded();
  return data ? data.index : getJson<ViewerIndex>('api/index');
}

export async function loadRun(location: string): Promise<RunView> {
  const data = embedded();
  if (data) {
    const run = data.runs[location];
    if (!run) throw new Error(`This export holds no run ${location}.`);
    return run;
  }
  return getJson<RunView>(`api/run/${encodeLocation(location)}`);
}

export async function loadBench(location: string): Promise<BenchView> {
  const data = embedded();
  if (data) {
    const bench = data.benches[location];
    if (!bench) throw new Error(`This export holds no bench ${location}.`);
    return bench;
  }
  return getJson<BenchView>(`api/bench/${encodeLocation(location)}`);
}

/** Calls `onChange` whenever the run writes more; nothing in a static export (a copy does not grow). */
export function watchRun(location: string, onChange: () => void): () => void {
  if (embedded() || typeof EventSource === 'undefined') return () => {};
  const source = new EventSource(`api/live/${encodeLocation(location)}`);
  source.addEventListener('changed', onChange);
  return () => source.close();
}
