import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectConfigSchema } from '@concord/core/config';
import { secretKeysKept } from '@concord/core/deid';
import { buildServer } from '../server.js';
import { createProject } from '../commands/create-project.js';
import { importItems } from '../commands/import-items.js';
import { purgeVault } from './purge.js';

/*
 * A purge on SQLite leaves no sealed original and no sealed secret in the database files: a
 * deleted row's bytes otherwise stay in the file's free pages (and the WAL), where anyone with
 * the file and the installation's vault key could still open them.
 */
describe('vault purge on a SQLite file', () => {
  let dir: string;
  let saved: string | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'concord-shred-'));
    saved = process.env.CONCORD_VAULT_KEY;
    delete process.env.CONCORD_VAULT_KEY;
  });
  afterEach(() => {
    if (saved !== undefined) process.env.CONCORD_VAULT_KEY = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('overwrites the deleted sealed rows on disk and drops the secret from memory', async () => {
    const app = await buildServer({
      dataDir: dir,
      webRoot: null,
      retentionIntervalMs: 0,
      adminEmail: 'admin@example.org',
      adminPassword: 'correct horse battery staple',
    });
    const { ctx } = app.concord;
    const admin = await ctx.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'admin@example.org')
      .executeTakeFirstOrThrow();
    const config = projectConfigSchema.parse({
      fields: [{ name: 'finding', type: 'choice', labels: ['a', 'b'] }],
      phi: { mode: 'surrogate' },
    });
    const { id } = await createProject(ctx, admin.id, { name: 'shred', config });
    await importItems(
      ctx,
      admin.id,
      id,
      config,
      Array.from({ length: 20 }, (_, i) => ({
        data: { text: `Mr. John Carter (MRN ${4452210 + i}) was seen on 03/14/2021.` },
      })),
      { skipInvalid: false },
    );
    const sealed = [
      ...(await ctx.db.selectFrom('phi_vault').select('sealed').execute()),
      ...(await ctx.db.selectFrom('phi_secrets').select('sealed').execute()),
    ].map((r) => r.sealed);
    expect(sealed).toHaveLength(21);
    expect(secretKeysKept()).toBeGreaterThan(0);
    const purge = await purgeVault(ctx, admin.id, id, { reason: 'end of study' });
    expect(purge).toMatchObject({ rows: 20, secretDestroyed: true });
    // Nor in the process's memory: the HMAC key prepared from the secret is dropped.
    expect(secretKeysKept()).toBe(0);
    // The ciphertext part of each sealed value (random base64url text), in the database's files
    // while the server runs (the WAL included) and after it stopped.
    const left = () => {
      const files = ['concord.db', 'concord.db-wal']
        .map((f) => join(dir, f))
        .filter((f) => existsSync(f))
        .map((f) => readFileSync(f).toString('latin1'));
      return sealed.filter((s) => files.some((bytes) => bytes.includes(s.split('.')[3]!))).length;
    };
    expect(left()).toBe(0);
    await app.close();
    expect(left()).toBe(0);
  });
});
