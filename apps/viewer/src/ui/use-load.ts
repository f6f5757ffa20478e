import { useCallback, useEffect, useState } from 'preact/hooks';

export interface Loaded<VALUE> {
  value?: VALUE;
  error?: string;
  reload: () => void;
}

/** Loads once per key, and again on `reload()`; keeps the last value while reloading (no flicker in live views). */
export function useLoad<VALUE>(key: string, load: () => Promise<VALUE>): Loaded<VALUE> {
  const [state, setState] = useState<{ value?: VALUE; error?: string }>({});
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  useEffect(() => {
    let current = true;
    load().then(
      (value) => current && setState({ value }),
      (error: unknown) => current && setState((previous) => ({ ...previous, error: error instanceof Error ? error.message : String(error) })),
    );
    return () => {
      current = false;
    };
    // `load` is recreated each render; the key says when it means something else.
  }, [key, generation]);
  return { ...state, reload };
}
