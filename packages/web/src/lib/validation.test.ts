import { describe, expect, it } from 'vitest';
import {
  MIN_PASSWORD_LENGTH,
  firstInvalid,
  hasErrors,
  isEmail,
  validateLogin,
  validatePasswordChange,
  validateProject,
  validateUser,
} from './validation';

describe('isEmail', () => {
  it('accepts ordinary addresses and catches the usual typos', () => {
    for (const ok of ['ada@example.org', ' ada+tag@lab.example.co.uk ']) {
      expect(isEmail(ok)).toBe(true);
    }
    for (const typo of ['ada.example.org', 'ada@example', 'ada @example.org', '']) {
      expect(isEmail(typo)).toBe(false);
    }
  });
});

describe('firstInvalid', () => {
  it('picks the first field with a problem in the order of the form, not of the errors', () => {
    const order = ['email', 'name', 'password'] as const;
    expect(firstInvalid(order, { password: 'short', name: 'missing' })).toBe('name');
    expect(firstInvalid(order, { name: undefined })).toBeUndefined();
  });
});

describe('validateLogin', () => {
  it('asks for both fields', () => {
    expect(validateLogin({ email: '', password: '' })).toEqual({
      email: 'Enter an email address.',
      password: 'Enter your password.',
    });
  });

  it('does not apply the new-password policy to a sign-in', () => {
    expect(validateLogin({ email: 'a@b.co', password: 'short' })).toEqual({});
  });

  it('flags a malformed email', () => {
    expect(validateLogin({ email: 'a@b', password: 'x' }).email).toMatch(/like name@example.org/);
  });
});

describe('validateProject', () => {
  it('requires a name that is not only spaces; the description is optional', () => {
    expect(validateProject({ name: '   ', description: '' })).toEqual({
      name: 'Give the project a name.',
    });
    expect(validateProject({ name: 'Clinical NER', description: '' })).toEqual({});
  });

  it('limits the lengths', () => {
    const errors = validateProject({ name: 'x'.repeat(201), description: 'y'.repeat(2001) });
    expect(Object.keys(errors).sort()).toEqual(['description', 'name']);
  });
});

describe('validateUser', () => {
  const valid = {
    email: 'grace@example.org',
    name: 'Grace',
    password: 'correct horse battery',
    role: 'member',
  };

  it('accepts a complete form', () => {
    expect(validateUser(valid)).toEqual({});
    expect(hasErrors(validateUser(valid))).toBe(false);
  });

  it(`requires a password of at least ${MIN_PASSWORD_LENGTH} characters and says how far off it is`, () => {
    expect(validateUser({ ...valid, password: 'x'.repeat(11) }).password).toBe(
      'Use at least 12 characters (11 so far).',
    );
    expect(validateUser({ ...valid, password: 'x'.repeat(12) }).password).toBeUndefined();
  });

  it('accepts only the three global roles', () => {
    for (const role of ['admin', 'auditor', 'member']) {
      expect(validateUser({ ...valid, role }).role).toBeUndefined();
    }
    expect(validateUser({ ...valid, role: 'manager' }).role).toBe('Choose a role.');
    expect(validateUser({ ...valid, role: '' }).role).toBe('Choose a role.');
  });

  it('reports every problem at once', () => {
    const errors = validateUser({ email: 'x', name: '', password: '', role: '' });
    expect(Object.keys(errors).sort()).toEqual(['email', 'name', 'password', 'role']);
    expect(hasErrors(errors)).toBe(true);
  });
});

describe('validatePasswordChange', () => {
  const valid = {
    currentPassword: 'the old one',
    newPassword: 'a much longer passphrase',
    confirmPassword: 'a much longer passphrase',
  };

  it('accepts a new password that meets the policy and was typed twice alike', () => {
    expect(validatePasswordChange(valid)).toEqual({});
  });

  it('asks for the current password without applying the policy to it', () => {
    expect(validatePasswordChange({ ...valid, currentPassword: '' })).toEqual({
      currentPassword: 'Enter your current password.',
    });
    expect(validatePasswordChange({ ...valid, currentPassword: 'short' })).toEqual({});
  });

  it('applies the new-password policy and refuses the same password again', () => {
    const short = 'x'.repeat(MIN_PASSWORD_LENGTH - 1);
    expect(
      validatePasswordChange({ ...valid, newPassword: short, confirmPassword: short }).newPassword,
    ).toBe('Use at least 12 characters (11 so far).');
    expect(
      validatePasswordChange({ ...valid, currentPassword: valid.newPassword }).newPassword,
    ).toBe('Choose a password different from your current one.');
  });

  it('catches a typo in the repeated password', () => {
    expect(validatePasswordChange({ ...valid, confirmPassword: '' }).confirmPassword).toBe(
      'Type the new password again.',
    );
    expect(
      validatePasswordChange({ ...valid, confirmPassword: 'a much longer passphrasE' })
        .confirmPassword,
    ).toBe('Does not match the new password.');
  });
});
