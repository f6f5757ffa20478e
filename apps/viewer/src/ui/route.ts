import { useEffect, useState } from 'preact/hooks';

/** Hash routes, so a static export works from file:// and every view has a link. */
export type Route = { page: 'runs' } | { page: 'benches' } | { page: 'run'; location: string } | { page: 'bench'; location: string };

export function parseRoute(hash: string): Route {
  const [page, ...rest] = hash.replace(/^#\/?/, '').split('/');
  const location = rest.map((part) => decodeURIComponent(part)).join('/');
  if (page === 'run' && location) return { page: 'run', location };
  if (page === 'bench' && location) return { page: 'bench', location };
  if (page === 'benches') return { page: 'benches' };
  return { page: 'runs' };
}

export function runHref(location: string): string {
  return `#/run/${location.split('/').map(encodeURIComponent).join('/')}`;
}

export function benchHref(location: string): string {
  return `#/bench/${location.split('/').map(encodeURIComponent).join('/')}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
