import { useEffect } from 'preact/hooks';
import { BenchPage } from './bench-page.js';
import { BenchesList } from './benches-list.js';
import { embedded, loadIndex } from './data-source.js';
import { useRoute } from './route.js';
import { RunPage } from './run-page.js';
import { RunsList } from './runs-list.js';
import { useLoad } from './use-load.js';

/** How often the lists look for new runs and changed statuses (a run page follows its run live instead). */
const INDEX_REFRESH_MS = 3_000;

function Home({ page }: { page: 'runs' | 'benches' }) {
  const { value: index, error, reload } = useLoad('index', loadIndex);
  useEffect(() => {
    if (embedded()) return undefined;
    const timer = setInterval(reload, INDEX_REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  if (error) return <p class="problem">{error}</p>;
  if (!index) return <p class="muted">Loading…</p>;
  return (
    <>
      <p class="muted">Reading {index.roots.join(', ')}</p>
      {page === 'runs' ? <RunsList runs={index.runs} /> : null}
      <BenchesList benches={index.benches} />
    </>
  );
}

export function App() {
  const route = useRoute();
  return (
    <>
      <header>
        <h1>
          <a href="#/">NDLI viewer</a>
        </h1>
        <nav>
          <a href="#/">Runs</a> <a href="#/benches">Benches</a>
        </nav>
        {embedded() ? <span class="muted">static copy</span> : null}
      </header>
      <main>
        {route.page === 'run' ? <RunPage key={route.location} location={route.location} /> : null}
        {route.page === 'bench' ? <BenchPage key={route.location} location={route.location} /> : null}
        {route.page === 'runs' || route.page === 'benches' ? <Home page={route.page} /> : null}
      </main>
    </>
  );
}
