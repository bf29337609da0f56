import { useMemo } from 'react';
import type { ApiClient } from '../../api/client';
import { CSRF_COOKIE, readCookie } from '../../api/client';
import { createPhiApi } from '../../lib/phi-api';
import type { PhiApi } from '../../lib/phi-api';

/**
 * The PHI routes over the browser's fetch, as the quality tabs build theirs. A lost session is
 * noticed by the main client, which a request through it (listing your tokens, open to everyone) reports to the app.
 */
export function usePhiApi(api: ApiClient): PhiApi {
  return useMemo(
    () =>
      createPhiApi({
        fetch: (url, init) => window.fetch(url, init),
        csrfToken: () => readCookie(document.cookie, CSRF_COOKIE),
        onSessionEnded: () => {
          api.listTokens().catch(() => undefined);
        },
      }),
    [api],
  );
}
