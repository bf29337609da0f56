import { useId, useState } from 'react';
import { addCredentials } from '../../lib/phi-credentials';
import '../../styles/phi.css';

/**
 * A person's credentials as chips. With `onChange` (admins) a chip can be removed and new ones
 * typed in (Enter or comma adds; several at once separated by spaces or commas), each checked
 * before it becomes a chip; without it the chips are read-only.
 */
export function CredentialChips({
  credentials,
  owner,
  onChange,
  busy = false,
  missing = [],
}: {
  readonly credentials: readonly string[];
  /** Whose credentials, for the labels of the controls. */
  readonly owner: string;
  readonly onChange?: (next: readonly string[]) => void;
  readonly busy?: boolean;
  /** Required credentials the person lacks, shown as warning chips after theirs. */
  readonly missing?: readonly string[];
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();

  function add() {
    if (onChange === undefined) return;
    const result = addCredentials(credentials, text);
    if (result.error !== undefined) {
      setError(result.error);
      return;
    }
    setError(null);
    setText('');
    onChange(result.credentials);
  }

  return (
    <div className="phi-chips">
      <ul className="phi-chips__list" aria-label={`Credentials of ${owner}`}>
        {credentials.map((credential) => (
          <li key={credential} className="phi-chip">
            {credential}
            {onChange !== undefined && (
              <button
                type="button"
                className="phi-chip__remove"
                aria-label={`Remove credential ${credential} from ${owner}`}
                disabled={busy}
                onClick={() => onChange(credentials.filter((c) => c !== credential))}
              >
                ×
              </button>
            )}
          </li>
        ))}
        {missing.map((credential) => (
          <li
            key={`missing:${credential}`}
            className="phi-chip phi-chip--missing"
            title={`The project requires ${credential}; without it this person is not assigned items.`}
          >
            <span aria-hidden="true">⚠ </span>lacks {credential}
          </li>
        ))}
        {credentials.length === 0 && missing.length === 0 && onChange === undefined && (
          <li className="muted">none</li>
        )}
      </ul>
      {onChange !== undefined && (
        <span className="phi-chips__add">
          <input
            className={
              error === null ? 'input input--compact' : 'input input--compact input--invalid'
            }
            aria-label={`Add a credential to ${owner}`}
            aria-invalid={error === null ? undefined : true}
            aria-describedby={error === null ? undefined : errorId}
            placeholder="add…"
            value={text}
            disabled={busy}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ',') {
                e.preventDefault();
                add();
              } else if (e.key === 'Escape') {
                setText('');
                setError(null);
              }
            }}
          />
          {error !== null && (
            <span className="phi-chips__error" id={errorId} role="alert">
              {error}
            </span>
          )}
        </span>
      )}
    </div>
  );
}
