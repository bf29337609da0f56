import type { ReactNode } from 'react';
import { useEffect, useId, useRef } from 'react';
import { Alert } from './Alert';

interface ConfirmDialogProps {
  readonly title: string;
  /** What will happen, in words that let the person decide. */
  readonly children: ReactNode;
  readonly confirmLabel: string;
  /** What the confirm button says while the request is out, e.g. "Revoking…". */
  readonly busyLabel: string;
  readonly busy: boolean;
  /** Why the last attempt failed; the dialog stays open to retry or cancel. */
  readonly error: string | null;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/**
 * A modal question before something that cannot be undone. Open while mounted; the browser's
 * own <dialog> keeps focus inside and closes on Esc. Focus starts on Cancel, the safe answer.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { title, children, busy, error, onConfirm, onCancel } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    if (!element.open) element.showModal();
    cancel.current?.focus();
    return () => element.close();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Esc: the dialog closes only through onCancel, and not while the request is out.
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 className="dialog__title" id={titleId}>
        {title}
      </h2>
      <div className="dialog__body">{children}</div>
      {error !== null && <Alert tone="error">{error}</Alert>}
      <div className="dialog__actions">
        <button type="button" className="button" ref={cancel} onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="button button--danger" onClick={onConfirm} disabled={busy}>
          {busy ? props.busyLabel : props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
