// Loads data for a page and keeps the last answer on screen while the next one loads, so
// paging through a table does not flash an empty state. A load superseded by a newer one
// is aborted and never shown.

import { useCallback, useEffect, useRef, useState } from 'react';

export type Resource<T> =
  | { readonly status: 'loading'; readonly data: T | null; readonly error: null }
  | { readonly status: 'ready'; readonly data: T; readonly error: null }
  | { readonly status: 'failed'; readonly data: T | null; readonly error: unknown };

export function useResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  key: string,
): Resource<T> & { readonly reload: () => void } {
  const [resource, setResource] = useState<Resource<T>>({
    status: 'loading',
    data: null,
    error: null,
  });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    setResource((prev) => ({ status: 'loading', data: prev.data, error: null }));
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setResource({ status: 'ready', data, error: null });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setResource((prev) => ({ status: 'failed', data: prev.data, error }));
        }
      },
    );
    return () => controller.abort();
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { ...resource, reload };
}
