import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

/**
 * A new identifier safe to expose: a type prefix and 20 random base32 characters (100 bits),
 * so ids reveal neither creation order nor counts, e.g. `usr_7kq2m9x4…`.
 */
export function newId(
  prefix: 'usr' | 'prj' | 'ses' | 'tok' | 'itm' | 'asg' | 'ann' | 'snp' | 'rev',
): string {
  const bytes = randomBytes(20);
  let out = '';
  for (const b of bytes) out += ALPHABET[b & 31];
  return `${prefix}_${out}`;
}

/** A bearer secret: 32 random bytes, base64url, with a recognisable prefix for secret scanners. */
export function newSecret(): string {
  return `cnd_${randomBytes(32).toString('base64url')}`;
}
