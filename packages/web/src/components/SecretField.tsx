import { useRef, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

interface SecretFieldProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  /** What the value is, for the words of a copy the browser refused: "The token is selected". */
  readonly noun?: string;
}

/**
 * A secret shown for copying: read-only, selected on focus, with a Copy button. When the
 * clipboard is not available (an insecure origin, a denied permission) the text is selected
 * so that the person can copy it with the keyboard, and told so.
 */
export function SecretField({ id, label, value, noun = 'token' }: SecretFieldProps) {
  const input = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');

  function copyValue() {
    const fallback = () => {
      setCopy('failed');
      input.current?.focus();
      input.current?.select();
    };
    if (navigator.clipboard === undefined) {
      fallback();
      return;
    }
    navigator.clipboard.writeText(value).then(() => setCopy('copied'), fallback);
  }

  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className="secret">
        <input
          ref={input}
          id={id}
          className="input input--mono"
          readOnly
          spellCheck={false}
          autoComplete="off"
          value={value}
          onFocus={(e) => e.target.select()}
        />
        <button type="button" className="button" onClick={copyValue}>
          {copy === 'copied' ? '✓ Copied' : 'Copy'}
        </button>
      </div>
      <p className="field__hint" aria-live="polite">
        {copy === 'copied' && 'Copied to the clipboard.'}
        {copy === 'failed' &&
          `The browser did not allow copying. The ${noun} is selected: press Ctrl+C (⌘C on a Mac).`}
      </p>
    </div>
  );
}
