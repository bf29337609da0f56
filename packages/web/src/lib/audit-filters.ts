// The audit page's filters live in the URL (so a filtered view can be shared or reloaded)
// and are typed as UTC wall-clock times, because that is how the log shows time.

import { NO_AUDIT_FILTERS } from '../api/types';
import type { AuditFilters } from '../api/types';
import type { FormErrors } from './validation';

/**
 * The filter form as typed: the API's filters, except that from/to are `datetime-local`
 * values read as UTC rather than ISO instants.
 */
export type AuditFilterForm = { readonly [K in keyof AuditFilters]: string };

/** No filter at all; the same empty strings as the API's NO_AUDIT_FILTERS. */
export const EMPTY_AUDIT_FILTER_FORM: AuditFilterForm = NO_AUDIT_FILTERS;

const FORM_KEYS = Object.keys(EMPTY_AUDIT_FILTER_FORM) as (keyof AuditFilterForm)[];

const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * "2025-01-02T03:04" read as UTC → "2025-01-02T03:04:00.000Z". The server's `to` is
 * exclusive, so with `exclusiveEnd` a value typed to the minute gives the start of the next
 * minute: "to 03:04" then includes the events of 03:04 itself, as a person reading it expects.
 * Null when the value is not a real date and time.
 */
export function utcInputToIso(value: string, exclusiveEnd = false): string | null {
  const match = LOCAL_DATETIME.exec(value.trim());
  if (match === null) return null;
  const [, y, mo, d, h, mi, s] = match.map((part) => (part === undefined ? 0 : Number(part)));
  const ms = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0);
  const date = new Date(ms);
  // Date.UTC rolls over (Feb 30 → Mar 2); a value that rolled over was not a real date.
  if (date.getUTCMonth() !== (mo ?? 1) - 1 || date.getUTCDate() !== d || (h ?? 0) > 23) {
    return null;
  }
  const withEnd = exclusiveEnd ? ms + (s === 0 ? 60_000 : 1_000) : ms;
  return new Date(withEnd).toISOString();
}

export function validateAuditFilters(form: AuditFilterForm): FormErrors<'from' | 'to'> {
  const errors: FormErrors<'from' | 'to'> = {};
  const from = form.from === '' ? null : utcInputToIso(form.from);
  const to = form.to === '' ? null : utcInputToIso(form.to, true);
  if (form.from !== '' && from === null) errors.from = 'Enter a date and time.';
  if (form.to !== '' && to === null) errors.to = 'Enter a date and time.';
  if (from !== null && to !== null && from >= to) errors.to = 'Must be after “From”.';
  return errors;
}

/** The API filters of a valid form. Call validateAuditFilters first. */
export function toAuditFilters(form: AuditFilterForm): AuditFilters {
  return {
    action: form.action.trim(),
    actorId: form.actorId.trim(),
    entityType: form.entityType.trim(),
    entityId: form.entityId.trim(),
    from: form.from === '' ? '' : (utcInputToIso(form.from) ?? ''),
    to: form.to === '' ? '' : (utcInputToIso(form.to, true) ?? ''),
  };
}

export function auditFilterFormFromSearch(search: URLSearchParams): AuditFilterForm {
  const form: Record<keyof AuditFilterForm, string> = { ...EMPTY_AUDIT_FILTER_FORM };
  for (const key of FORM_KEYS) form[key] = search.get(key) ?? '';
  return form;
}

/** The query string of a filtered view at a page; empty filters and page 1 are left out. */
export function auditSearchOf(form: AuditFilterForm, page: number): string {
  const search = new URLSearchParams();
  for (const key of FORM_KEYS) {
    const value = form[key].trim();
    if (value !== '') search.set(key, value);
  }
  if (page > 1) search.set('page', String(page));
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

export function isFiltered(form: AuditFilterForm): boolean {
  return FORM_KEYS.some((key) => form[key].trim() !== '');
}
