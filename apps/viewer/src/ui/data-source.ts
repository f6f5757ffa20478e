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

/** One view, from the export's embedded data or from the API (`api/run/…`, `api/bench/…`). */
async function loadView<KIND extends 'run' | 'bench'>(kind: KIND, location: string): Promise<KIND extends 'run' ? RunView : BenchView> {
  type View = KIND extends 'run' ? RunView : BenchView;
  const data = embedded();
  if (!data) return getJson<View>(`api/${kind}/${encodeLocation(location)}`);
  const view = (kind === 'run' ? data.runs[location] : data.benches[location]) as View | undefined;
  if (!view) throw new Error(`This export holds no ${kind} ${location}.`);
  return view;
}

export const loadRun = (location: string): Promise<RunView> => loadView('run', location);
export const loadBench = (location: string): Promise<BenchView> => loadView('bench', location);

/** Calls `onChange` whenever the run writes more; nothing in a static export (a copy does not grow). */
export function watchRun(location: string, onChange: () => void): () => void {
  if (embedded() || typeof EventSource === 'undefined') return () => {};
  const source = new EventSource(`api/live/${encodeLocation(location)}`);
  source.addEventListener('changed', onChange);
  return () => source.close();
}
