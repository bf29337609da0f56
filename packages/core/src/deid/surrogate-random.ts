import { createHash, createHmac, createSecretKey, type KeyObject } from 'node:crypto';

/*
 * Deterministic choices keyed by the project secret. Every surrogate is drawn from
 * HMAC-SHA256(secret, label): the same label (category + normalised original) under the same
 * secret always yields the same draws, in every item and every re-import; another project's
 * secret yields unrelated draws, and without the secret the draws reveal nothing of the label
 * (HMAC is a PRF, RFC 2104).
 */

/** A project's de-identification secret (the HMAC key). */
export type SecretKey = string | Uint8Array;

/** How many secrets' HMAC keys are kept ready (a server process serves a few projects). */
const SECRETS_KEPT = 16;

/**
 * Each secret's HMAC key, prepared once, by the secret's bytes (a server reads a project's
 * key afresh for each import). Only keys are kept between calls: no identifier or surrogate
 * outlives the call that met it (a memo of originals would keep PHI in the process's memory).
 */
const keys = new Map<string, KeyObject>();

/**
 * Drops every prepared HMAC key, so no secret stays in this process's memory: call when a
 * project's secret is destroyed (a vault purge), or the key would outlive it until restart.
 */
export function forgetSecretKeys(): void {
  keys.clear();
}

/** How many secrets' HMAC keys are kept ready (see {@link forgetSecretKeys}). */
export function secretKeysKept(): number {
  return keys.size;
}

function hmacKey(secret: SecretKey): KeyObject {
  // Named by a digest, so the map's keys are not the secret itself.
  const id = createHash('sha256')
    .update(typeof secret === 'string' ? `s:${secret}` : Buffer.concat([Buffer.from('b:'), secret]))
    .digest('base64');
  let key = keys.get(id);
  if (!key) {
    if (keys.size >= SECRETS_KEPT) keys.clear();
    key = createSecretKey(
      typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret),
    );
    keys.set(id, key);
  }
  return key;
}

/**
 * A stream of keyed pseudo-random numbers for one label: block i is
 * HMAC-SHA256(secret, label ‖ 0x00 ‖ i), consumed a byte (small ranges) or 4 bytes at a time.
 *
 * @example new KeyedRandom(secret, 'PERSON\0smith').below(88799) // the same index on every call
 */
export class KeyedRandom {
  private block = 0;
  private bytes: Buffer = Buffer.alloc(0);
  private used = 0;
  private key: KeyObject | undefined;

  constructor(
    private readonly secret: SecretKey,
    private readonly label: string,
  ) {}

  private refill(): void {
    this.key ??= hmacKey(this.secret);
    this.bytes = createHmac('sha256', this.key).update(`${this.label}\0${this.block++}`).digest();
    this.used = 0;
  }

  /** A 32-bit unsigned integer. */
  uint32(): number {
    if (this.used + 4 > this.bytes.length) this.refill();
    const value = this.bytes.readUInt32BE(this.used);
    this.used += 4;
    return value;
  }

  /**
   * An integer in [0, n), n ≤ 2^32. Up to 256 a byte at a time, redrawn when it falls in the
   * uneven tail (so a digit costs one byte and no value is favoured); above, modulo a 32-bit
   * draw (bias below n / 2^32).
   */
  below(n: number): number {
    if (n > 256) return this.uint32() % n;
    const limit = 256 - (256 % n);
    for (;;) {
      if (this.used >= this.bytes.length) this.refill();
      const byte = this.bytes[this.used++]!;
      if (byte < limit) return byte % n;
    }
  }

  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T {
    return list[this.below(list.length)]!;
  }

  /** One character of a non-empty string. */
  char(chars: string): string {
    return chars[this.below(chars.length)]!;
  }
}

/**
 * The form-independent key of an identifier: lower case, Unicode NFKC, punctuation and
 * whitespace removed — "JOHN SMITH", "John  Smith" and "john smith." share one key.
 */
export function normaliseIdentifier(text: string): string {
  // ASCII (most identifiers) needs no Unicode normalisation and has a simpler class to drop
  if (!NON_ASCII.test(text)) return text.toLowerCase().replace(ASCII_DROPPED, '');
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}\p{Cc}]+/gu, '');
}

const NON_ASCII = /[\u0080-\uffff]/;
/** ASCII whitespace, punctuation, symbols and controls: everything but letters and digits. */
const ASCII_DROPPED = /[^a-z0-9]+/g;

/** Letter case of a word: all upper, all lower, capitalised, or mixed. */
export type LetterCase = 'upper' | 'lower' | 'title' | 'mixed';

export function letterCase(word: string): LetterCase {
  const letters = word.replace(/[^\p{L}]/gu, '');
  if (letters === '') return 'mixed';
  if (letters.length > 1 && letters === letters.toUpperCase()) return 'upper';
  if (letters === letters.toLowerCase()) return 'lower';
  const first = letters[0]!;
  const rest = letters.slice(1);
  if (first === first.toUpperCase() && rest === rest.toLowerCase()) return 'title';
  // a single capital letter, or "McDonald": written as a name
  if (first === first.toUpperCase()) return letters.length === 1 ? 'upper' : 'title';
  return 'mixed';
}

/** Writes `word` in the given letter case ("title" capitalises each part of "smith-jones"). */
export function applyCase(word: string, form: LetterCase): string {
  if (form === 'upper') return word.toUpperCase();
  if (form === 'lower') return word.toLowerCase();
  if (form === 'title')
    return word
      .toLowerCase()
      .replace(/(^|[\s'-])(\p{L})/gu, (_, s: string, c: string) => s + c.toUpperCase());
  return word;
}
