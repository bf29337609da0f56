// What the result of GET /api/audit/verify means, in words an auditor can act on.

import type { AuditVerification } from '../api/types';
import { countLabel } from './format';

const REASONS: Readonly<Record<string, string>> = {
  'payload-digest-mismatch':
    'Its stored payload no longer matches the digest recorded when it was written: the payload was edited.',
  'hash-mismatch': 'Its stored hash does not match its contents: a field of this event was edited.',
  'broken-link':
    'It does not point to the hash of the event before it: events were removed, inserted or reordered.',
  'sequence-gap': 'The sequence jumps at this event: the events before it were deleted.',
};

export interface VerdictText {
  readonly tone: 'success' | 'error';
  readonly title: string;
  readonly body: string;
}

/** `checkedAt` is the UTC time shown, e.g. "2025-01-02 03:04:05". */
export function describeVerification(result: AuditVerification, checkedAt: string): VerdictText {
  if (result.ok) {
    return {
      tone: 'success',
      title: 'Chain intact.',
      body: `All ${countLabel(result.events, 'event')} verified at ${checkedAt} UTC: each one matches its recorded hash and links to the one before it.`,
    };
  }
  const why =
    (result.reason === undefined ? undefined : REASONS[result.reason]) ??
    (result.message === undefined ? undefined : `${result.message}.`) ??
    'Its hash does not match its contents or the event before it.';
  return {
    tone: 'error',
    title: `Chain broken at event #${result.brokenAt}.`,
    body: `${why} Event #${result.brokenAt} and every event after it cannot be trusted until this is explained. Checked at ${checkedAt} UTC.`,
  };
}

/**
 * The page of the unfiltered log (newest first) that shows event `seq`, given the newest seq.
 * Seqs are contiguous in an intact chain; when events were deleted the page can be off by the
 * number deleted, which is why the row is looked for and not assumed.
 */
export function pageOfSeq(seq: number, newestSeq: number, limit: number): number {
  return Math.floor(Math.max(0, newestSeq - seq) / limit) + 1;
}
