import { describe, expect, it } from 'vitest';
import {
  EMPTY_TOKEN_FORM,
  describeTokenExpiry,
  tokenExpiresInDays,
  tokenExpiry,
  validateToken,
} from './api-tokens';

describe('validateToken', () => {
  it('needs a name and takes the 90-day default otherwise', () => {
    expect(validateToken(EMPTY_TOKEN_FORM)).toEqual({
      name: 'Name the token after the script or machine that will use it.',
    });
    const form = { ...EMPTY_TOKEN_FORM, name: ' nightly export ' };
    expect(validateToken(form)).toEqual({});
    expect(tokenExpiresInDays(form)).toBe(90);
  });

  it('keeps the name within the 100 characters the server accepts', () => {
    expect(validateToken({ ...EMPTY_TOKEN_FORM, name: 'x'.repeat(101) }).name).toBe(
      'Keep the name under 100 characters.',
    );
    expect(validateToken({ ...EMPTY_TOKEN_FORM, name: 'x'.repeat(100) })).toEqual({});
  });

  it('accepts a custom lifetime of 1 to 3650 whole days', () => {
    const custom = (customDays: string) => ({
      ...EMPTY_TOKEN_FORM,
      name: 'ci',
      expiry: 'custom',
      customDays,
    });
    for (const bad of ['', '0', '3651', '1.5', '-3', 'ten']) {
      expect(validateToken(custom(bad)).customDays).toBe(
        'Enter a whole number of days from 1 to 3650.',
      );
    }
    expect(validateToken(custom(' 3650 '))).toEqual({});
    expect(tokenExpiresInDays(custom('14'))).toBe(14);
  });

  it('sends null for a token that never expires, and refuses a lifetime it does not offer', () => {
    expect(tokenExpiresInDays({ ...EMPTY_TOKEN_FORM, expiry: 'never' })).toBeNull();
    expect(validateToken({ ...EMPTY_TOKEN_FORM, name: 'ci', expiry: '12' }).expiry).toBe(
      'Choose when the token expires.',
    );
  });
});

describe('tokenExpiry', () => {
  const now = Date.parse('2025-01-01T12:00:00Z');

  it('counts whole days left, rounding up', () => {
    const expiry = tokenExpiry('2025-04-01T11:59:59.000Z', now);
    expect(expiry).toEqual({ kind: 'active', date: '2025-04-01', daysLeft: 90 });
    expect(describeTokenExpiry(expiry)).toBe('2025-04-01 (in 90 days)');
    expect(describeTokenExpiry(tokenExpiry('2025-01-01T18:00:00Z', now))).toBe(
      '2025-01-01 (within a day)',
    );
  });

  it('tells an expired token and one that never expires', () => {
    expect(describeTokenExpiry(tokenExpiry('2025-01-01T12:00:00Z', now))).toBe(
      'Expired 2025-01-01',
    );
    expect(describeTokenExpiry(tokenExpiry(null, now))).toBe('Never');
  });
});
