import { useState } from 'react';
import { ApiError, formatApiError } from '../../api/errors';
import { Alert } from '../Alert';
import type { PhiApi } from '../../lib/phi-api';
import { categoryLabel, revealReasonError, revealedFields } from '../../lib/phi-reveal';
import type { RevealedField, RevealedItem, Segment } from '../../lib/phi-reveal';
import '../../styles/phi.css';

/**
 * The reveal of one item's original, under its row: a reason first (kept in the audit log),
 * then the original beside the de-identified text, each replaced identifier numbered alike in
 * both. The original lives only in this component's state and is gone once it is closed.
 */
export function RevealRow({
  phiApi,
  itemId,
  surrogateData,
  columns,
  onClose,
}: {
  readonly phiApi: PhiApi;
  readonly itemId: string;
  /** The item's data as annotators see it. */
  readonly surrogateData: unknown;
  readonly columns: number;
  readonly onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<{ item: RevealedItem; reason: string } | null>(null);
  const reasonError = revealReasonError(reason);
  const fieldId = `reveal-reason-${itemId}`;

  function reveal() {
    setAttempted(true);
    if (reasonError !== undefined || busy) return;
    setBusy(true);
    setError(null);
    const given = reason.trim();
    phiApi.reveal(itemId, given).then(
      (item) => {
        setBusy(false);
        setRevealed({ item, reason: given });
      },
      (failure: unknown) => {
        setBusy(false);
        setError(revealFailure(failure));
      },
    );
  }

  return (
    <tr className="phi-reveal-row">
      <td colSpan={columns}>
        {revealed === null ? (
          <form
            className="phi-reveal-ask"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              reveal();
            }}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && !busy) onClose();
            }}
          >
            <div
              className={attempted && reasonError !== undefined ? 'field field--invalid' : 'field'}
            >
              <label className="field__label" htmlFor={fieldId}>
                Why do you need the original of this item?
              </label>
              <textarea
                id={fieldId}
                className="input textarea"
                rows={2}
                autoFocus
                value={reason}
                aria-invalid={attempted && reasonError !== undefined ? true : undefined}
                aria-describedby={`${fieldId}-hint`}
                onChange={(e) => setReason(e.target.value)}
              />
              {attempted && reasonError !== undefined && (
                <p className="field__error">{reasonError}</p>
              )}
              <p className="field__hint" id={`${fieldId}-hint`}>
                The reveal is logged with your name, the item and this reason, and appears in the
                compliance report.
              </p>
            </div>
            {error !== null && <Alert tone="error">{error}</Alert>}
            <div className="form-actions">
              <button type="submit" className="button button--primary" disabled={busy}>
                {busy ? 'Revealing…' : 'Reveal original'}
              </button>
              <button type="button" className="button" onClick={onClose} disabled={busy}>
                Cancel
              </button>
            </div>
          </form>
        ) : (
          <RevealedView
            revealed={revealed.item}
            reason={revealed.reason}
            surrogateData={surrogateData}
            onClose={onClose}
          />
        )}
      </td>
    </tr>
  );
}

function revealFailure(error: unknown): string {
  if (error instanceof ApiError && error.status === 403)
    return 'You do not hold the reveal permission on this project; a manager grants it on the Privacy tab.';
  if (error instanceof ApiError && error.status === 410)
    return 'The originals of this project were deleted with its vault; they cannot be revealed any more.';
  return formatApiError(error);
}

/** The original and the de-identified text of each field, side by side. */
export function RevealedView({
  revealed,
  reason,
  surrogateData,
  onClose,
}: {
  readonly revealed: RevealedItem;
  readonly reason: string;
  readonly surrogateData: unknown;
  readonly onClose: () => void;
}) {
  const fields = revealedFields(surrogateData, revealed);
  return (
    <div className="phi-revealed">
      <Alert tone="info" title="This reveal was logged">
        Your name, the item, the fields shown and your reason (“{reason}”) are in the audit log.
        Close the original when you are done; it is not kept in the page.
      </Alert>
      {fields.length === 0 && (
        <p className="muted">No identifier was replaced in this item’s text.</p>
      )}
      {fields.map((field) => (
        <RevealedFieldView key={field.path} field={field} />
      ))}
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose}>
          Close the original
        </button>
      </div>
    </div>
  );
}

function RevealedFieldView({ field }: { readonly field: RevealedField }) {
  return (
    <section className="phi-compare" aria-label={`Field ${field.path}`}>
      <h3 className="phi-compare__title">
        <code className="phi-code">{field.path}</code>{' '}
        <span className="muted">
          {field.replaced} {field.replaced === 1 ? 'identifier' : 'identifiers'} replaced
        </span>
      </h3>
      <div className="phi-compare__columns">
        <div className="phi-compare__side">
          <h4 className="phi-compare__label">Original (from the vault)</h4>
          <Marked segments={field.original} kind="original" />
        </div>
        <div className="phi-compare__side">
          <h4 className="phi-compare__label">What annotators see</h4>
          <Marked segments={field.surrogate} kind="surrogate" />
        </div>
      </div>
    </section>
  );
}

function Marked({
  segments,
  kind,
}: {
  readonly segments: readonly Segment[];
  readonly kind: 'original' | 'surrogate';
}) {
  return (
    <p className={`phi-text phi-text--${kind}`} data-testid={`phi-${kind}`}>
      {segments.map((segment, i) =>
        segment.mark === null ? (
          <span key={i}>{segment.text}</span>
        ) : (
          <mark
            key={i}
            className={`phi-mark phi-mark--${kind}`}
            title={`${segment.mark}: ${categoryLabel(segment.category ?? '')}`}
          >
            {segment.text}
            <sup
              className="phi-mark__n"
              aria-label={`, identifier ${segment.mark}, ${categoryLabel(segment.category ?? '')}`}
            >
              {segment.mark}
            </sup>
          </mark>
        ),
      )}
    </p>
  );
}
