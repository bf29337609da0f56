import type { Member } from '../../api/types';
import { missingCredentials } from '../../lib/phi-credentials';
import '../../styles/phi.css';

/** The credentials a project requires, said once over its members. */
export function RequiredCredentials({ required }: { readonly required: readonly string[] }) {
  if (required.length === 0) return null;
  return (
    <p className="phi-required">
      <span>Only members holding</span>
      {required.map((c) => (
        <span key={c} className="phi-chip">
          {c}
        </span>
      ))}
      <span>are assigned items. Admins set people’s credentials under Users.</span>
    </p>
  );
}

/** A warning beside a member who lacks a required credential. */
export function MissingCredentials({ missing }: { readonly missing: readonly string[] }) {
  if (missing.length === 0) return null;
  return (
    <span
      className="phi-chip phi-chip--missing"
      title="Without it this member is not assigned items; an admin adds credentials under Users."
    >
      <span aria-hidden="true">⚠ </span>lacks {missing.join(', ')}
    </span>
  );
}

/**
 * What each member holds, by user ID, when the project requires credentials: the members list
 * carries them. Null when unknown (no requirement, or not loaded): no warning is shown then.
 */
export function memberCredentials(
  required: readonly string[],
  members: readonly Member[] | null,
): ReadonlyMap<string, readonly string[]> | null {
  if (required.length === 0 || members === null) return null;
  return new Map(
    members.flatMap((m) =>
      m.credentials === undefined ? [] : [[m.userId, m.credentials] as const],
    ),
  );
}

/** The required credentials `userId` lacks, or none when what they hold is unknown. */
export function missingOf(
  required: readonly string[],
  held: ReadonlyMap<string, readonly string[]> | null,
  userId: string,
): readonly string[] {
  const theirs = held?.get(userId);
  return theirs === undefined ? [] : missingCredentials(required, theirs);
}
