import { useEffect, useId, useRef, useState } from 'react';
import { formatApiError } from '../../api/errors';
import { Alert } from '../Alert';
import { countLabel } from '../../lib/format';
import { SectionHeader } from '../Page';
import { TextField } from '../TextField';
import type { PhiApi, VaultPurge } from '../../lib/phi-api';
import { revealReasonError } from '../../lib/phi-reveal';
import '../../styles/phi.css';

/** What the vault holds, as far as the page knows. */
export interface VaultStatus {
  /** Originals kept; null when the server does not say. */
  readonly records: number | null;
  /** When the vault was last deleted (ISO), or null. */
  readonly purgedAt: string | null;
  readonly retentionDays: number | null;
}

/**
 * The vault of a PHI project and, for its managers, its deletion: every original and the
 * surrogate secret are destroyed, which cannot be undone; the audit log keeps a digest of what
 * was deleted as proof.
 */
export function VaultDangerZone({
  phiApi,
  projectId,
  projectName,
  status,
  manage,
  onPurged,
}: {
  readonly phiApi: PhiApi;
  readonly projectId: string;
  readonly projectName: string;
  readonly status: VaultStatus;
  readonly manage: boolean;
  readonly onPurged: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<VaultPurge | null>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const purged = done !== null || status.purgedAt !== null;

  return (
    <section className="card phi-card" aria-labelledby="phi-vault-title">
      <SectionHeader
        titleId="phi-vault-title"
        title="Vault"
        description="The originals, encrypted with AES-256-GCM. Only holders of the reveal permission open them, one item at a time."
      />
      <dl className="phi-facts">
        <div>
          <dt>Status</dt>
          <dd>
            {purged ? (
              <span className="status status--off">Deleted</span>
            ) : (
              <span className="status status--on">Holds the originals</span>
            )}
          </dd>
        </div>
        {status.records !== null && !purged && (
          <div>
            <dt>Originals kept</dt>
            <dd>{status.records.toLocaleString('en-US')}</dd>
          </div>
        )}
        {status.purgedAt !== null && done === null && (
          <div>
            <dt>Deleted at (UTC)</dt>
            <dd>{status.purgedAt.replace('T', ' ').slice(0, 19)}</dd>
          </div>
        )}
        {!purged && (
          <div>
            <dt>Retention</dt>
            <dd>
              {status.retentionDays === null
                ? 'Kept until a manager deletes the vault'
                : `Each original is deleted ${status.retentionDays.toLocaleString('en-US')} days after its import`}
            </dd>
          </div>
        )}
      </dl>
      {done !== null && (
        <Alert tone="success" title="The vault was deleted">
          {countLabel(done.rows, 'original')} destroyed
          {done.secretDestroyed ? ', and the surrogate secret with them' : ''}. The audit log keeps
          the proof: SHA-256 <code className="phi-code">{done.digest}</code>
        </Alert>
      )}
      {manage && !purged && (
        <div className="phi-danger">
          <div>
            <h3 className="phi-danger__title">Delete the vault</h3>
            <p className="phi-danger__text">
              Destroys every original of this project and the secret its surrogates were made with.
              Annotations and the de-identified text stay; nobody can reveal an original again. This
              cannot be undone.
            </p>
          </div>
          <button
            type="button"
            ref={opener}
            className="button button--danger"
            onClick={() => setConfirming(true)}
          >
            Delete the vault…
          </button>
        </div>
      )}
      {confirming && (
        <PurgeDialog
          phiApi={phiApi}
          projectId={projectId}
          projectName={projectName}
          onCancel={() => {
            setConfirming(false);
            opener.current?.focus();
          }}
          onPurged={(purge) => {
            setConfirming(false);
            setDone(purge);
            onPurged();
          }}
        />
      )}
    </section>
  );
}

/** The typed confirmation: the project's name, and a reason kept with the audit event. */
function PurgeDialog({
  phiApi,
  projectId,
  projectName,
  onCancel,
  onPurged,
}: {
  readonly phiApi: PhiApi;
  readonly projectId: string;
  readonly projectName: string;
  readonly onCancel: () => void;
  readonly onPurged: (purge: VaultPurge) => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const first = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nameMatches = typed.trim() === projectName.trim();
  // The same bounds as a reveal's reason; the wording is about the deletion.
  const reasonError =
    reason.trim() === '' ? 'Say why the vault is deleted.' : revealReasonError(reason);

  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    if (!element.open) element.showModal();
    first.current?.focus();
    return () => element.close();
  }, []);

  function confirm() {
    setAttempted(true);
    if (!nameMatches || reasonError !== undefined || busy) return;
    setBusy(true);
    setError(null);
    phiApi.purgeVault(projectId, reason.trim()).then(
      (answer) => {
        setBusy(false);
        onPurged(answer);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(formatApiError(failure));
      },
    );
  }

  return (
    <dialog
      ref={dialog}
      className="dialog phi-purge"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 className="dialog__title" id={titleId}>
        Delete the vault of {projectName}?
      </h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          confirm();
        }}
      >
        <div className="dialog__body">
          <p>
            Every original and the surrogate secret are destroyed. Nobody — admins included — can
            reveal an original of this project again.
          </p>
        </div>
        <div className="phi-purge__fields">
          <div className={attempted && !nameMatches ? 'field field--invalid' : 'field'}>
            <label className="field__label" htmlFor="purge-name">
              Type the project’s name, <strong>{projectName}</strong>, to confirm
            </label>
            <input
              id="purge-name"
              ref={first}
              className="input"
              autoComplete="off"
              spellCheck={false}
              value={typed}
              aria-invalid={attempted && !nameMatches ? true : undefined}
              onChange={(e) => setTyped(e.target.value)}
            />
            {attempted && !nameMatches && <p className="field__error">The name does not match.</p>}
          </div>
          <TextField
            id="purge-reason"
            label="Reason"
            rows={2}
            value={reason}
            onValue={setReason}
            error={attempted ? reasonError : undefined}
            hint="Kept in the audit log with the proof of what was deleted."
          />
        </div>
        {error !== null && <Alert tone="error">{error}</Alert>}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button--danger" disabled={busy || !nameMatches}>
            {busy ? 'Deleting…' : 'Delete the vault'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
