import type { FormEvent, ReactNode } from 'react';
import { ErrorList } from './Alert';

interface FormCardProps {
  /** The id of the title, which names the form for assistive technology. */
  readonly titleId: string;
  /** Left out when a section heading above the card (with the id `titleId`) names the form. */
  readonly title?: string;
  readonly form: { readonly general: readonly string[]; readonly submitting: boolean };
  readonly onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  readonly submitLabel: string;
  /** What the submit button says while the request is out, e.g. "Adding…". */
  readonly submittingLabel: string;
  /** A form opened by a button has Cancel (and Esc); one that is always there has neither. */
  readonly onCancel?: () => void;
  /** Room for a row of cards (the template picker) instead of one column of fields. */
  readonly wide?: boolean;
  readonly children: ReactNode;
}

/** A form on a card: title, the general errors of the last submit, the fields, the buttons. */
export function FormCard(props: FormCardProps) {
  const { titleId, title, form, onSubmit, onCancel, wide = false, children } = props;
  const { submitting } = form;
  return (
    <form
      className={wide ? 'card form-card form-card--wide' : 'card form-card'}
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !submitting) onCancel?.();
      }}
    >
      {title !== undefined && (
        <h2 className="form-card__title" id={titleId}>
          {title}
        </h2>
      )}
      <ErrorList messages={form.general} />
      {children}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={submitting}>
          {submitting ? props.submittingLabel : props.submitLabel}
        </button>
        {onCancel !== undefined && (
          <button type="button" className="button" onClick={onCancel} disabled={submitting}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
