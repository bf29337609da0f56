import type { DeidConfig } from '@concord/core/config';
import { deidNote } from '../../lib/phi-config';
import '../../styles/phi.css';

/** One line over de-identified text, so nobody mistakes a surrogate name for the patient's. */
export function PhiNote({ phi }: { readonly phi: Pick<DeidConfig, 'mode'> }) {
  return (
    <p className="phi-note" role="note">
      <span className="phi-badge" aria-hidden="true">
        PHI
      </span>
      <span>{deidNote(phi)}</span>
    </p>
  );
}
