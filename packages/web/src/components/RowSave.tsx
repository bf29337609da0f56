import type { RowSaveState } from '../app/use-row-save';

/** "Saving…", then "✓ Role set to Admin" once the server answered. */
export function RowSaveStatus({ state }: { readonly state: RowSaveState }) {
  return (
    <span className="row-status" aria-live="polite">
      {state.kind === 'saving' && <span className="muted">Saving…</span>}
      {state.kind === 'saved' && <span className="text-success">✓ {state.what}</span>}
    </span>
  );
}

/** The row under a row whose change failed: what failed and why, until dismissed. */
export function RowSaveError({
  state,
  subject,
  columns,
  onDismiss,
}: {
  readonly state: RowSaveState;
  /** Whose change it was, e.g. the email of the row. */
  readonly subject: string;
  readonly columns: number;
  readonly onDismiss: () => void;
}) {
  if (state.kind !== 'failed') return null;
  return (
    <tr className="row-error">
      <td colSpan={columns}>
        <span role="alert">
          Could not change {subject}: {state.message}
        </span>{' '}
        <button type="button" className="button--link" onClick={onDismiss}>
          Dismiss
        </button>
      </td>
    </tr>
  );
}
