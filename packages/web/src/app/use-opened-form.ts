// A form that a "new" button opens on a page, and the notice of what it saved: opening the
// form clears the last notice, Cancel closes it, and once the server has acknowledged the
// form closes and the notice says what was saved.

import { useState } from 'react';

export function useOpenedForm() {
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  return {
    open,
    notice,
    start: () => {
      setNotice(null);
      setOpen(true);
    },
    cancel: () => setOpen(false),
    /** After the server acknowledged: the form closes and `message` says what was saved. */
    done: (message: string) => {
      setOpen(false);
      setNotice(message);
    },
    /** A notice about something else the page did (a row revoked, say). */
    tell: setNotice,
    dismiss: () => setNotice(null),
  };
}
