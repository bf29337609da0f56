import type { ReactNode } from 'react';
import { useEffect, useId, useRef, useState } from 'react';
import { Field } from './Field';

interface RowConfirmProps {
  /** How many columns the row spans. */
  readonly columns: number;
  readonly question: string;
  /** What follows, in words that let the person decide. */
  readonly children: ReactNode;
  readonly confirmLabel: string;
  /** What the confirm button says while the request is out, e.g. "Allowing…". */
  readonly busyLabel: string;
  readonly busy: boolean;
  /** A red confirm button, for a decision that takes something away. */
  readonly danger?: boolean;
  readonly noteLabel: string;
  readonly noteHint: string;
  /** Why the note cannot be sent, or undefined. */
  readonly noteError: (note: string) => string | undefined;
  readonly onConfirm: (note: string) => void;
  readonly onCancel: () => void;
}

/**
 * A small confirm in the row under a table row: the question, what follows, an optional note,
 * then confirm or cancel. Focus starts in the note; Esc cancels, Ctrl+Enter (⌘+Enter) confirms.
 * It stays open while the request is out, so a refusal can be read and the note kept.
 */
export function RowConfirm(props: RowConfirmProps) {
  const { columns, question, busy, noteError, onConfirm, onCancel } = props;
  const questionId = useId();
  const noteId = useId();
  const note = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState('');
  const [attempted, setAttempted] = useState(false);
  const error = attempted ? noteError(text) : undefined;

  useEffect(() => note.current?.focus(), []);

  function confirm() {
    if (busy) return;
    setAttempted(true);
    if (noteError(text) !== undefined) {
      note.current?.focus();
      return;
    }
    onConfirm(text);
  }

  return (
    <tr className="row-confirm">
      <td colSpan={columns}>
        <form
          className="row-confirm__form"
          aria-labelledby={questionId}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            confirm();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && !busy) {
              e.preventDefault();
              onCancel();
            } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              confirm();
            }
          }}
        >
          <p className="row-confirm__question">
            <strong id={questionId}>{question}</strong> {props.children}
          </p>
          <Field id={noteId} label={props.noteLabel} optional hint={props.noteHint} error={error}>
            <textarea
              ref={note}
              className="input textarea row-confirm__note"
              rows={2}
              value={text}
              readOnly={busy}
              onChange={(e) => setText(e.target.value)}
            />
          </Field>
          <div className="row-confirm__actions">
            <button
              type="submit"
              className={`button button--small ${props.danger ? 'button--danger' : 'button--primary'}`}
              disabled={busy}
            >
              {busy ? props.busyLabel : props.confirmLabel}
            </button>
            <button
              type="button"
              className="button button--small"
              onClick={onCancel}
              disabled={busy}
            >
              Cancel
            </button>
          </div>
        </form>
      </td>
    </tr>
  );
}
