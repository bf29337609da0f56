// A change made from a table row (a role, an account's status): "Saving…" while the request is
// out, "saved" only once the server answered — fading after a few seconds — and the reason
// when it failed, kept until dismissed.

import { useEffect, useState } from 'react';
import { formatApiError } from '../api/errors';

export type RowSaveState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving'; readonly what: string }
  | { readonly kind: 'saved'; readonly what: string }
  | { readonly kind: 'failed'; readonly message: string };

export const SAVED_FADES_AFTER_MS = 4000;

export function useRowSave() {
  const [state, setState] = useState<RowSaveState>({ kind: 'idle' });

  useEffect(() => {
    if (state.kind !== 'saved') return;
    const timer = setTimeout(() => setState({ kind: 'idle' }), SAVED_FADES_AFTER_MS);
    return () => clearTimeout(timer);
  }, [state]);

  /** Sends one change; `what` says it once saved ("Role set to Admin"). */
  function save<T>(request: () => Promise<T>, what: string, onSaved?: (result: T) => void) {
    setState({ kind: 'saving', what });
    request().then(
      (result) => {
        onSaved?.(result);
        setState({ kind: 'saved', what });
      },
      (error: unknown) => setState({ kind: 'failed', message: formatApiError(error) }),
    );
  }

  return {
    state,
    busy: state.kind === 'saving',
    save,
    dismiss: () => setState({ kind: 'idle' }),
  };
}
