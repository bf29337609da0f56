import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/*
 * Passwords are hashed with scrypt, a memory-hard KDF (RFC 7914), with parameters stored in the
 * hash so the cost can be raised later without invalidating existing hashes:
 *   scrypt$<log2 N>$<r>$<p>$<salt base64url>$<key base64url>
 * Cost 15 (N = 32768, r = 8) needs 32 MiB and takes about 0.1 s per hash.
 */

const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

function scryptOptions(cost: number, r: number, p: number): ScryptOptions {
  return { N: 2 ** cost, r, p, maxmem: 2 * 128 * r * 2 ** cost + 1024 * 1024 };
}

export async function hashPassword(password: string, cost = 15): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, scryptOptions(cost, 8, 1));
  return `scrypt$${cost}$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, cost, r, p, salt, key] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(
    password,
    Buffer.from(salt, 'base64url'),
    scryptOptions(Number(cost), Number(r), Number(p)),
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash of a random password, used to spend the same time when the email is unknown. */
const dummyHashes = new Map<number, Promise<string>>();
export function dummyHash(cost: number): Promise<string> {
  let hash = dummyHashes.get(cost);
  if (!hash) {
    hash = hashPassword(randomBytes(16).toString('hex'), cost);
    dummyHashes.set(cost, hash);
  }
  return hash;
}
