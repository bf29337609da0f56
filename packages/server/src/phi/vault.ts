import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * The vault: where a PHI project's originals live, sealed with AES-256-GCM. One 256-bit key per
 * installation (CONCORD_VAULT_KEY, or `<dataDir>/vault.key` generated on first start with mode
 * 0600). Every sealed value has its own random 96-bit IV, and its additional authenticated data
 * binds it to where it belongs (project and item), so a sealed record copied onto another item
 * does not open. Sealed text: `cv1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts); the key
 * id is a digest of the key, so a record sealed under another key is named as such.
 */

const VERSION = 'cv1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export const VAULT_KEY_FILE = 'vault.key';

export class VaultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VaultError';
  }
}

/** Where the key came from, for the start-up line of `concord serve`. */
export type VaultKeySource = 'option' | 'env' | 'file' | 'generated';

export interface Vault {
  /** 16 hex digits of SHA-256 over the key: names the key without revealing it. */
  readonly keyId: string;
  readonly source: VaultKeySource;
  /** The key file, when the key came from one. */
  readonly path: string | null;
  /** Seals `plaintext` bound to `context` (e.g. `item:<projectId>:<itemId>`). */
  seal(plaintext: string | Uint8Array, context: string): string;
  /** Opens a sealed value; throws {@link VaultError} on another key, another context or tampering. */
  open(sealed: string, context: string): Buffer;
  /**
   * HMAC-SHA256 (hex) of `data` under a key derived from the vault key for `purpose`: a digest
   * that tells equal values apart on this installation but, unlike a bare hash, cannot be used
   * by whoever reads it to test guesses of a low-entropy value (a short deny list).
   */
  mac(purpose: string, data: string): string;
}

/** The id of a key: the first 16 hex digits of SHA-256("concord-vault-key\0" ‖ key). */
export function vaultKeyId(key: Uint8Array): string {
  return createHash('sha256').update('concord-vault-key\0').update(key).digest('hex').slice(0, 16);
}

/**
 * A vault key from its text form: 64 hex digits, or base64 / base64url of exactly 32 bytes.
 * Anything else is refused with what was wrong and how to make a key.
 */
export function parseVaultKey(text: string, where = 'CONCORD_VAULT_KEY'): Buffer {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
    const key = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (key.length === KEY_BYTES) return key;
  }
  throw new VaultError(
    `${where} must be a 256-bit key: 64 hex digits or 44 characters of base64 (32 bytes); got ${value.length} characters that are neither. Make one with: openssl rand -base64 32`,
  );
}

/** A vault over a 32-byte key. */
export function createVault(
  key: Uint8Array,
  source: VaultKeySource = 'option',
  path: string | null = null,
): Vault {
  if (key.length !== KEY_BYTES)
    throw new VaultError(`a vault key is ${KEY_BYTES} bytes; got ${key.length}`);
  const secret = Buffer.from(key);
  const keyId = vaultKeyId(secret);
  const aad = (context: string) => Buffer.from(`${VERSION}\0${keyId}\0${context}`, 'utf8');
  return {
    keyId,
    source,
    path,
    mac(purpose, data) {
      const key = createHmac('sha256', secret).update(`concord-vault-mac\0${purpose}`).digest();
      return createHmac('sha256', key).update(data, 'utf8').digest('hex');
    },
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', secret, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(aad(context));
      const body = Buffer.concat([
        cipher.update(typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext),
        cipher.final(),
      ]);
      const tag = cipher.getAuthTag();
      return [
        VERSION,
        keyId,
        iv.toString('base64url'),
        body.toString('base64url'),
        tag.toString('base64url'),
      ].join('.');
    },
    open(sealed, context) {
      const parts = sealed.split('.');
      if (parts.length !== 5 || parts[0] !== VERSION)
        throw new VaultError('not a sealed vault value (expected cv1.<keyId>.<iv>.<body>.<tag>)');
      const [, sealedKeyId, ivText, bodyText, tagText] = parts as [
        string,
        string,
        string,
        string,
        string,
      ];
      if (sealedKeyId !== keyId)
        throw new VaultError(
          `sealed under vault key ${sealedKeyId}, but this server has key ${keyId}; start it with the key the data was imported under`,
        );
      const iv = Buffer.from(ivText, 'base64url');
      const tag = Buffer.from(tagText, 'base64url');
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES)
        throw new VaultError('a sealed vault value is damaged (IV or tag of the wrong length)');
      const decipher = createDecipheriv('aes-256-gcm', secret, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aad(context));
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([
          decipher.update(Buffer.from(bodyText, 'base64url')),
          decipher.final(),
        ]);
      } catch {
        throw new VaultError(
          'a sealed vault value failed authentication: wrong key, wrong record, or altered',
        );
      }
    },
  };
}

export interface OpenVaultOptions {
  /** A key given directly (tests, embedding): 32 bytes, or its hex/base64 text. */
  readonly key?: string | Uint8Array | undefined;
  /** The value of CONCORD_VAULT_KEY, if set. */
  readonly env?: string | undefined;
  /** Where `vault.key` is read from, or generated into on first start. */
  readonly dataDir?: string | undefined;
  /**
   * Generate the key file when it is missing (default true: the server's first start). A tool
   * that works beside a server (a CLI import) passes false, so it never seals under a key of
   * its own that the server does not have.
   */
  readonly generate?: boolean;
}

/**
 * The installation's vault: from a key given directly, else CONCORD_VAULT_KEY, else
 * `<dataDir>/vault.key` (generated on first start, mode 0600). A key file that the group or
 * others may read is refused: the server does not start on an exposed key. Null when there is
 * no key and no data directory (an in-memory test server): PHI projects then refuse imports.
 */
export function openVault(options: OpenVaultOptions): Vault | null {
  if (options.key !== undefined) {
    const key =
      typeof options.key === 'string' ? parseVaultKey(options.key, 'the vault key') : options.key;
    return createVault(key, 'option');
  }
  if (options.env !== undefined && options.env.trim() !== '')
    return createVault(parseVaultKey(options.env), 'env');
  if (options.dataDir === undefined) return null;
  const path = join(options.dataDir, VAULT_KEY_FILE);
  const existing = readKeyFile(path);
  if (existing) return createVault(existing, 'file', path);
  if (options.generate === false) return null;
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(KEY_BYTES);
  // Written whole to a private temporary file, then linked into place: the link is atomic and
  // fails if the key exists, so two servers starting at once on one data directory never
  // overwrite each other's key, and neither can read a half-written one.
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      const written = readKeyFile(path);
      if (written) return createVault(written, 'file', path);
    }
    throw error;
  } finally {
    unlinkSync(temporary);
  }
  return createVault(key, 'generated', path);
}

function readKeyFile(path: string): Buffer | null {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0)
    throw new VaultError(
      `the vault key ${path} may be read by other users (mode ${(mode & 0o777).toString(8).padStart(4, '0')}); make it owner-only with: chmod 600 ${path}`,
    );
  return parseVaultKey(readFileSync(path, 'utf8'), path);
}

/** The context a PHI item's original is sealed under: its project and item. */
export const itemContext = (projectId: string, itemId: string) => `item:${projectId}:${itemId}`;

/** The context a project's surrogate secret is sealed under. */
export const secretContext = (projectId: string) => `secret:${projectId}`;
