import type { ReactNode } from 'react';
import { formatApiError } from '../api/errors';

interface AlertProps {
  readonly tone: 'error' | 'success' | 'info' | 'warning';
  readonly title?: string;
  readonly children?: ReactNode;
  readonly onDismiss?: () => void;
}

/** A message above a form or table. Errors and warnings are announced as they appear. */
export function Alert({ tone, title, children, onDismiss }: AlertProps) {
  const urgent = tone === 'error' || tone === 'warning';
  return (
    <div className={`alert alert--${tone}`} role={urgent ? 'alert' : 'status'}>
      <div className="alert__body">
        {title !== undefined && <strong className="alert__title">{title}</strong>}
        {children !== undefined && <div>{children}</div>}
      </div>
      {onDismiss !== undefined && (
        <button type="button" className="alert__dismiss" onClick={onDismiss} aria-label="Dismiss">
          ×
        </button>
      )}
    </div>
  );
}

/** Every general message of a failed submit, none dropped. */
export function ErrorList({ messages }: { readonly messages: readonly string[] }) {
  if (messages.length === 0) return null;
  if (messages.length === 1) return <Alert tone="error">{messages[0]}</Alert>;
  return (
    <Alert tone="error">
      <ul className="alert__list">
        {messages.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
    </Alert>
  );
}

/** The acknowledgement of a change the server accepted; gone once dismissed or replaced. */
export function Notice({
  message,
  onDismiss,
}: {
  readonly message: ReactNode | null;
  readonly onDismiss: () => void;
}) {
  if (message === null) return null;
  return (
    <Alert tone="success" onDismiss={onDismiss}>
      {message}
    </Alert>
  );
}

/** A list or page that could not be loaded, with the reason and a way to try again. */
export function LoadError({
  title,
  error,
  onRetry,
}: {
  readonly title: string;
  readonly error: unknown;
  readonly onRetry: () => void;
}) {
  return (
    <Alert tone="error" title={title}>
      {formatApiError(error)}{' '}
      <button type="button" className="button--link" onClick={onRetry}>
        Try again
      </button>
    </Alert>
  );
}
