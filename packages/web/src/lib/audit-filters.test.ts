import { describe, expect, it } from 'vitest';
import {
  EMPTY_AUDIT_FILTER_FORM,
  auditFilterFormFromSearch,
  auditSearchOf,
  isFiltered,
  toAuditFilters,
  utcInputToIso,
  validateAuditFilters,
} from './audit-filters';

describe('utcInputToIso', () => {
  it('reads a datetime-local value as UTC, whatever the browser time zone', () => {
    expect(utcInputToIso('2025-01-02T03:04')).toBe('2025-01-02T03:04:00.000Z');
    expect(utcInputToIso('2025-01-02T03:04:05')).toBe('2025-01-02T03:04:05.000Z');
  });

  it('makes an upper bound include the minute (or second) typed, since the server excludes `to`', () => {
    expect(utcInputToIso('2025-01-02T03:04', true)).toBe('2025-01-02T03:05:00.000Z');
    expect(utcInputToIso('2025-01-02T23:59', true)).toBe('2025-01-03T00:00:00.000Z');
    expect(utcInputToIso('2025-01-02T03:04:05', true)).toBe('2025-01-02T03:04:06.000Z');
  });

  it('rejects values that are not real dates and times', () => {
    expect(utcInputToIso('2025-02-30T00:00')).toBeNull();
    expect(utcInputToIso('2025-01-01T24:30')).toBeNull();
    expect(utcInputToIso('2025-01-01')).toBeNull();
    expect(utcInputToIso('soon')).toBeNull();
  });
});

describe('validateAuditFilters', () => {
  it('accepts an open range and a well-ordered one', () => {
    expect(validateAuditFilters(EMPTY_AUDIT_FILTER_FORM)).toEqual({});
    expect(
      validateAuditFilters({
        ...EMPTY_AUDIT_FILTER_FORM,
        from: '2025-01-01T00:00',
        to: '2025-01-01T00:00',
      }),
    ).toEqual({});
  });

  it('says when the range is backwards', () => {
    expect(
      validateAuditFilters({
        ...EMPTY_AUDIT_FILTER_FORM,
        from: '2025-01-02T00:00',
        to: '2025-01-01T00:00',
      }),
    ).toEqual({ to: 'Must be after “From”.' });
  });
});

describe('toAuditFilters', () => {
  it('trims text filters and converts the range to ISO instants', () => {
    expect(
      toAuditFilters({
        action: ' user.create ',
        actorId: 'u_1',
        entityType: '',
        entityId: '',
        from: '2025-01-01T00:00',
        to: '2025-01-31T23:59',
      }),
    ).toEqual({
      action: 'user.create',
      actorId: 'u_1',
      entityType: '',
      entityId: '',
      from: '2025-01-01T00:00:00.000Z',
      to: '2025-02-01T00:00:00.000Z',
    });
  });
});

describe('URL state', () => {
  it('round-trips a filtered view through the query string', () => {
    const form = {
      ...EMPTY_AUDIT_FILTER_FORM,
      action: 'project.create',
      entityType: 'project',
      from: '2025-01-01T00:00',
    };
    const search = auditSearchOf(form, 3);
    expect(search).toBe('?action=project.create&entityType=project&from=2025-01-01T00%3A00&page=3');
    expect(auditFilterFormFromSearch(new URLSearchParams(search))).toEqual(form);
  });

  it('leaves out page 1 and empty filters', () => {
    expect(auditSearchOf(EMPTY_AUDIT_FILTER_FORM, 1)).toBe('');
    expect(isFiltered(EMPTY_AUDIT_FILTER_FORM)).toBe(false);
    expect(isFiltered({ ...EMPTY_AUDIT_FILTER_FORM, actorId: 'u_1' })).toBe(true);
  });
});
