import { useEffect, useState } from 'react';
import type { Member } from '../../api/types';
import type { PhiApi } from '../../lib/phi-api';
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
 * What each member holds, by user ID, when the project requires credentials: from the members
 * list when the server sends them there, otherwise from the compliance report for those who may
 * read it (managers, admins, auditors). Null when unknown: no warning is shown then.
 */
export function useMemberCredentials(
  phiApi: PhiApi,
  projectId: string,
  required: readonly string[],
  members: readonly Member[] | null,
  readsReport: boolean,
): ReadonlyMap<string, readonly string[]> | null {
  const listed = members !== null && members.every((m) => m.credentials !== undefined);
  const [fromReport, setFromReport] = useState<ReadonlyMap<string, readonly string[]> | null>(null);
  const needed = required.length > 0 && !listed && readsReport;
  useEffect(() => {
    if (!needed) return;
    const controller = new AbortController();
    phiApi.complianceReport(projectId, { signal: controller.signal }).then(
      (report) =>
        setFromReport(
          new Map((report.credentials ?? []).map((row) => [row.userId, row.credentials])),
        ),
      () => setFromReport(null),
    );
    return () => controller.abort();
  }, [phiApi, projectId, needed]);
  if (required.length === 0 || members === null) return null;
  if (listed) return new Map(members.map((m) => [m.userId, m.credentials ?? []]));
  return fromReport;
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
