import { describe, expect, it } from 'vitest';
import {
  addCredentials,
  credentialError,
  missingCredentials,
  sameCredentials,
} from './phi-credentials';

describe('credentialError', () => {
  it('accepts lower case letters, digits, - and _ starting with a letter, as the server does', () => {
    expect(credentialError('clinical')).toBeUndefined();
    expect(credentialError('hipaa-2024_b')).toBeUndefined();
    expect(credentialError('Clinical')).toMatch(/lower case/);
    expect(credentialError('2fa')).toMatch(/starting with a letter/);
    expect(credentialError('has space')).toMatch(/lower case/);
    expect(credentialError('a'.repeat(41))).toMatch(/at most 40/);
    expect(credentialError('')).toMatch(/Type a credential/);
  });

  it('refuses a credential already held', () => {
    expect(credentialError('legal', ['legal'])).toMatch(/already there/);
  });
});

describe('addCredentials', () => {
  it('adds several credentials typed at once, separated by commas or spaces', () => {
    expect(addCredentials(['legal'], 'clinical, finance  gdpr').credentials).toEqual([
      'legal',
      'clinical',
      'finance',
      'gdpr',
    ]);
  });

  it('adds none of them when one is invalid, and says which problem', () => {
    const result = addCredentials(['legal'], 'clinical Bad');
    expect(result.credentials).toEqual(['legal']);
    expect(result.error).toMatch(/lower case/);
  });
});

describe('missingCredentials', () => {
  it('lists the required credentials a member lacks, in the project’s order', () => {
    expect(missingCredentials(['clinical', 'hipaa'], ['hipaa'])).toEqual(['clinical']);
    expect(missingCredentials(['clinical'], undefined)).toEqual(['clinical']);
    expect(missingCredentials(undefined, [])).toEqual([]);
    expect(missingCredentials(['clinical'], ['clinical', 'legal'])).toEqual([]);
  });
});

describe('sameCredentials', () => {
  it('compares as sets', () => {
    expect(sameCredentials(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameCredentials(['a'], ['a', 'b'])).toBe(false);
  });
});
