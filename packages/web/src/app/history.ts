// The router's only contact with the browser: the History API and popstate.
// Pages get the location and a navigate function as props; nothing else touches history.

import { useSyncExternalStore } from 'react';

export interface Location {
  readonly pathname: string;
  readonly search: string;
}

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

// useSyncExternalStore needs a stable snapshot; the href identifies the location.
const snapshot = () => window.location.pathname + window.location.search;

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot);
  const q = href.indexOf('?');
  return q === -1
    ? { pathname: href, search: '' }
    : { pathname: href.slice(0, q), search: href.slice(q) };
}

export type Navigate = (to: string, options?: { readonly replace?: boolean }) => void;

export const navigate: Navigate = (to, options = {}) => {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  for (const listener of listeners) listener();
};
