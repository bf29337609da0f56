import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../server.js';

// What `concord serve --data-dir` does with the vault key: generated once, owner-only, refused when exposed.
describe('server vault key', () => {
  let dir: string;
  let saved: string | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'concord-serve-'));
    saved = process.env.CONCORD_VAULT_KEY;
    delete process.env.CONCORD_VAULT_KEY;
  });
  afterEach(() => {
    if (saved !== undefined) process.env.CONCORD_VAULT_KEY = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('generates <dataDir>/vault.key with mode 0600 on first start and reuses it', async () => {
    const first = await buildServer({ dataDir: dir, webRoot: null, retentionIntervalMs: 0 });
    const generated = first.concord.vault!;
    await first.close();
    expect(generated.source).toBe('generated');
    expect(statSync(join(dir, 'vault.key')).mode & 0o777).toBe(0o600);
    const second = await buildServer({ dataDir: dir, webRoot: null, retentionIntervalMs: 0 });
    expect(second.concord.vault!.source).toBe('file');
    expect(second.concord.vault!.keyId).toBe(generated.keyId);
    await second.close();
  });

  it('refuses to start when the key file is readable by others, or CONCORD_VAULT_KEY is malformed', async () => {
    const app = await buildServer({ dataDir: dir, webRoot: null, retentionIntervalMs: 0 });
    await app.close();
    chmodSync(join(dir, 'vault.key'), 0o640);
    await expect(buildServer({ dataDir: dir, webRoot: null })).rejects.toThrow(
      /may be read by other users \(mode 0640\); make it owner-only with: chmod 600/,
    );
    process.env.CONCORD_VAULT_KEY = 'hunter2';
    await expect(buildServer({ dataDir: dir, webRoot: null })).rejects.toThrow(
      /CONCORD_VAULT_KEY must be a 256-bit key/,
    );
  });
});
