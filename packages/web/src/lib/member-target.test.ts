import { describe, expect, it } from 'vitest';
import { ApiError, splitErrors } from '../api/errors';
import { memberTargetError, memberTargetOf, onTargetField } from './member-target';

describe('memberTargetOf', () => {
  it('sends an email as an email and anything else as a user ID, trimmed', () => {
    expect(memberTargetOf(' ann@example.org ')).toEqual({
      kind: 'email',
      email: 'ann@example.org',
    });
    expect(memberTargetOf('usr_01HX')).toEqual({ kind: 'userId', userId: 'usr_01HX' });
    expect(memberTargetOf('  ')).toBeNull();
  });
});

describe('memberTargetError', () => {
  it('asks for someone, and catches a mistyped email rather than sending it as an ID', () => {
    expect(memberTargetError('')).toBe('Enter an email or a user ID.');
    expect(memberTargetError('ann@example')).toBe(
      'Enter an email like name@example.org, or a user ID.',
    );
    expect(memberTargetError('ann@example.org')).toBeUndefined();
    expect(memberTargetError('usr_01HX')).toBeUndefined();
  });
});

describe('onTargetField', () => {
  const refusal = (path: string) =>
    new ApiError(400, 'CONCORD_ERR_VALIDATION', `${path}: no active user`, [
      { path, message: 'no active user with this email' },
      { path: 'body.role', message: 'invalid role' },
    ]);

  it('puts the server’s message about body.email or body.userId next to the one input', () => {
    for (const path of ['body.email', 'body.userId']) {
      const split = splitErrors(onTargetField(refusal(path), 'person'), ['person', 'role']);
      expect(split.fields).toEqual({
        person: 'no active user with this email',
        role: 'invalid role',
      });
      expect(split.general).toEqual([]);
    }
  });

  it('leaves any other error as it was', () => {
    const forbidden = new ApiError(403, 'CONCORD_ERR_FORBIDDEN', 'managers only');
    expect(onTargetField(forbidden, 'person')).toBe(forbidden);
    const other = refusal('body.role');
    expect(onTargetField(other, 'person')).toBe(other);
  });
});
