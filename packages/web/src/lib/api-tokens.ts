// API tokens let a script call the API as the person who made them. The form offers the usual
// lifetimes; the server accepts a whole number of days from 1 to 3650, or none.

import { countLabel, formatDateUtc } from './format';
import type { FormErrors } from './validation';

export const MAX_TOKEN_NAME_LENGTH = 100;
export const MAX_TOKEN_DAYS = 3650;
export const DEFAULT_TOKEN_DAYS = 90;

export interface TokenForm {
  readonly name: string;
  /** A number of days, `custom` (the number is then in `customDays`) or `never`. */
  readonly expiry: string;
  readonly customDays: string;
}

export const EMPTY_TOKEN_FORM: TokenForm = {
  name: '',
  expiry: String(DEFAULT_TOKEN_DAYS),
  customDays: '',
};

export const TOKEN_EXPIRY_CHOICES: readonly { readonly value: string; readonly label: string }[] = [
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'custom', label: 'Custom…' },
  { value: 'never', label: 'Never' },
];

function parseDays(text: string): number | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const days = Number(text.trim());
  return days >= 1 && days <= MAX_TOKEN_DAYS ? days : null;
}

export function validateToken(form: TokenForm): FormErrors<keyof TokenForm> {
  const errors: FormErrors<keyof TokenForm> = {};
  const name = form.name.trim();
  if (name === '') errors.name = 'Name the token after the script or machine that will use it.';
  else if (name.length > MAX_TOKEN_NAME_LENGTH) {
    errors.name = `Keep the name under ${MAX_TOKEN_NAME_LENGTH} characters.`;
  }
  if (!TOKEN_EXPIRY_CHOICES.some((choice) => choice.value === form.expiry)) {
    errors.expiry = 'Choose when the token expires.';
  } else if (form.expiry === 'custom' && parseDays(form.customDays) === null) {
    errors.customDays = `Enter a whole number of days from 1 to ${MAX_TOKEN_DAYS}.`;
  }
  return errors;
}

/** The `expiresInDays` to send for a valid form: null for a token that never expires. */
export function tokenExpiresInDays(form: TokenForm): number | null {
  if (form.expiry === 'never') return null;
  const days = parseDays(form.expiry === 'custom' ? form.customDays : form.expiry);
  return days ?? DEFAULT_TOKEN_DAYS;
}

export type TokenExpiry =
  | { readonly kind: 'never' }
  | { readonly kind: 'active'; readonly date: string; readonly daysLeft: number }
  | { readonly kind: 'expired'; readonly date: string };

/** When a token stops working, seen at `nowMs`; dates are UTC as everywhere in the app. */
export function tokenExpiry(expiresAt: string | null, nowMs: number): TokenExpiry {
  if (expiresAt === null) return { kind: 'never' };
  const at = new Date(expiresAt).getTime();
  const date = formatDateUtc(expiresAt);
  if (Number.isNaN(at)) return { kind: 'active', date, daysLeft: 0 };
  if (at <= nowMs) return { kind: 'expired', date };
  return { kind: 'active', date, daysLeft: Math.ceil((at - nowMs) / 86_400_000) };
}

/** "2025-04-02 (in 90 days)", "Never", "Expired 2025-01-01". */
export function describeTokenExpiry(expiry: TokenExpiry): string {
  switch (expiry.kind) {
    case 'never':
      return 'Never';
    case 'expired':
      return `Expired ${expiry.date}`;
    case 'active':
      return expiry.daysLeft <= 1
        ? `${expiry.date} (within a day)`
        : `${expiry.date} (in ${countLabel(expiry.daysLeft, 'day')})`;
  }
}
