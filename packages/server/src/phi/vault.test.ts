import {
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  chmodSync,
  writeFileSync,
  readdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createVault, openVault, parseVaultKey, VAULT_KEY_FILE, VaultError } from './vault.js';

const NOTE = 'Mr. John Carter (MRN 4452210) was seen on 03/14/2021 at 12 Elm Street, Boston.';

describe('vault', () => {
  it('round-trips a value sealed for one item', () => {
    const vault = createVault(randomBytes(32));
    const sealed = vault.seal(NOTE, 'item:prj_1:itm_1');
    expect(vault.open(sealed, 'item:prj_1:itm_1').toString('utf8')).toBe(NOTE);
  });

  it('keeps no plaintext in the sealed text and uses a fresh IV each time', () => {
    const vault = createVault(randomBytes(32));
    const a = vault.seal(NOTE, 'item:prj_1:itm_1');
    const b = vault.seal(NOTE, 'item:prj_1:itm_1');
    expect(a).not.toBe(b);
    for (const word of ['John', 'Carter', '4452210', 'Elm', 'Boston', '03/14/2021']) {
      expect(a).not.toContain(word);
      expect(Buffer.from(a.split('.')[3]!, 'base64url').toString('latin1')).not.toContain(word);
    }
    expect(a.split('.')[0]).toBe('cv1');
    expect(a.split('.')[1]).toBe(vault.keyId);
  });

  it('does not open under another key, even one that claims the same key id', () => {
    const vault = createVault(randomBytes(32));
    const other = createVault(randomBytes(32));
    const sealed = vault.seal(NOTE, 'item:prj_1:itm_1');
    expect(() => other.open(sealed, 'item:prj_1:itm_1')).toThrow(/sealed under vault key/);
    // Forge the key id: GCM authentication still fails.
    const forged = sealed.replace(`.${vault.keyId}.`, `.${other.keyId}.`);
    expect(() => other.open(forged, 'item:prj_1:itm_1')).toThrow(/failed authentication/);
  });

  it('binds a record to its project and item, and detects tampering', () => {
    const vault = createVault(randomBytes(32));
    const sealed = vault.seal(NOTE, 'item:prj_1:itm_1');
    expect(() => vault.open(sealed, 'item:prj_1:itm_2')).toThrow(VaultError);
    expect(() => vault.open(sealed, 'item:prj_2:itm_1')).toThrow(VaultError);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => vault.open(parts.join('.'), 'item:prj_1:itm_1')).toThrow(/failed authentication/);
  });

  it('reads a key as 64 hex digits or base64 of 32 bytes, and refuses anything else', () => {
    const key = randomBytes(32);
    expect(parseVaultKey(key.toString('hex'))).toEqual(key);
    expect(parseVaultKey(key.toString('base64'))).toEqual(key);
    expect(parseVaultKey(key.toString('base64url'))).toEqual(key);
    expect(() => parseVaultKey('secret')).toThrow(/64 hex digits or 44 characters of base64/);
    expect(() => parseVaultKey(randomBytes(16).toString('hex'))).toThrow(/256-bit key/);
    expect(() => parseVaultKey(randomBytes(31).toString('base64'))).toThrow(/256-bit key/);
  });

  describe('key file', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'concord-vault-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('is generated on first start with mode 0600 and read back on the next', () => {
      const first = openVault({ dataDir: join(dir, 'data') })!;
      expect(first.source).toBe('generated');
      const path = join(dir, 'data', VAULT_KEY_FILE);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(parseVaultKey(readFileSync(path, 'utf8'))).toHaveLength(32);
      const second = openVault({ dataDir: join(dir, 'data') })!;
      expect(second.source).toBe('file');
      expect(second.keyId).toBe(first.keyId);
      expect(second.open(first.seal(NOTE, 'x'), 'x').toString()).toBe(NOTE);
      // Written to a private temporary file and linked into place (never half-written where
      // another server could read it); the temporary file is gone.
      expect(readdirSync(join(dir, 'data'))).toEqual([VAULT_KEY_FILE]);
    });

    it('refuses a key file the group or others may read', () => {
      const path = join(dir, VAULT_KEY_FILE);
      writeFileSync(path, randomBytes(32).toString('base64'), { mode: 0o600 });
      chmodSync(path, 0o644);
      expect(() => openVault({ dataDir: dir })).toThrow(
        /may be read by other users \(mode 0644\).*chmod 600/,
      );
    });

    it('prefers a given key, then CONCORD_VAULT_KEY, over the file; none without any', () => {
      const key = randomBytes(32);
      expect(openVault({ key, dataDir: dir })!.source).toBe('option');
      const env = openVault({ env: key.toString('hex'), dataDir: dir })!;
      expect(env.source).toBe('env');
      expect(env.keyId).toBe(createVault(key).keyId);
      expect(() => openVault({ env: 'not a key' })).toThrow(
        /CONCORD_VAULT_KEY must be a 256-bit key/,
      );
      expect(openVault({})).toBeNull();
      expect(openVault({ dataDir: dir, generate: false })).toBeNull();
      const made = openVault({ dataDir: dir })!;
      expect(openVault({ dataDir: dir, generate: false })!.keyId).toBe(made.keyId);
    });
  });
});
