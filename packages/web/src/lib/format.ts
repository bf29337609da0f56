// How values read in tables. Times are shown in UTC everywhere, labelled as such, so that
// what a person reads in the audit log matches the server's records and the CLI's output.

import type { GlobalRole, ProjectRole } from '../api/types';

function parse(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "2025-01-02 03:04:05" (UTC); an unparsable value is shown as it came. */
export function formatDateTimeUtc(iso: string): string {
  const date = parse(iso);
  if (date === null) return iso;
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** "2025-01-02" (UTC). */
export function formatDateUtc(iso: string): string {
  const date = parse(iso);
  return date === null ? iso : date.toISOString().slice(0, 10);
}

/** The first characters of a hash or digest: enough to tell rows apart at a glance. */
export function shortHash(hash: string, length = 12): string {
  const hex = hash.replace(/^sha256:/, '');
  return hex.length <= length ? hex : `${hex.slice(0, length)}…`;
}

export const ROLE_LABELS: Readonly<Record<GlobalRole, string>> = {
  admin: 'Admin',
  auditor: 'Auditor',
  member: 'Member',
};

export const PROJECT_ROLE_LABELS: Readonly<Record<ProjectRole, string>> = {
  manager: 'Manager',
  reviewer: 'Reviewer',
  annotator: 'Annotator',
};

export const PROJECT_ROLE_DESCRIPTIONS: Readonly<Record<ProjectRole, string>> = {
  manager: 'sets the project up, imports items, adds members',
  reviewer: 'sees items, members and quality; adjudicates and reviews',
  annotator: 'labels the items served to them',
};

export const ROLE_DESCRIPTIONS: Readonly<Record<GlobalRole, string>> = {
  admin: 'manages users and every project',
  auditor: 'reads everything, changes nothing',
  member: 'creates projects and works in those they belong to',
};

/** "1 event", "1,204 events". */
export function countLabel(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : plural}`;
}

/** A stored payload, readable in a <pre>; never throws on odd values. */
export function formatPayload(payload: unknown): string {
  if (payload === undefined) return '';
  try {
    return JSON.stringify(payload, null, 2) ?? '(no JSON representation)';
  } catch {
    return '(this payload cannot be shown as JSON)';
  }
}
