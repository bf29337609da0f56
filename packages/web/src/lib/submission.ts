// Which clientId a submission carries. The server stores one annotation per clientId and
// answers a repeat with that same annotation, so a retry after a lost answer must reuse the id
// of the attempt it repeats — and an answer changed after a failure must not, or the server
// would hand back the first answer as if the new one were saved.

import { canonicalJson } from '@concord/core/audit';

export interface Submission {
  readonly assignmentId: string;
  readonly clientId: string;
  /** The value as canonical JSON: equal answers, whatever their key order, are one attempt. */
  readonly valueKey: string;
  readonly value: unknown;
}

/**
 * The submission to send: the previous attempt again when it was for the same assignment and
 * the same answer (a retry), else a new attempt with a new clientId from `newId`.
 */
export function nextSubmission(
  previous: Submission | null,
  assignmentId: string,
  value: unknown,
  newId: () => string,
): Submission {
  const valueKey = canonicalJson(value);
  if (
    previous !== null &&
    previous.assignmentId === assignmentId &&
    previous.valueKey === valueKey
  ) {
    return previous;
  }
  return { assignmentId, clientId: newId(), valueKey, value };
}
