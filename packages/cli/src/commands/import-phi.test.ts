import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, migrateToLatest, openDatabase } from '@concord/server';
import { run } from '../test/run-cli.js';

const ADMIN = { email: 'admin@example.org', password: 'correct horse battery staple' };

/*
 * `concord import` into a PHI project (issue 6): the CLI seals originals with the server's vault
 * key (CONCORD_VAULT_KEY or <data-dir>/vault.key), de-identifies in the same streaming pass, and
 * never makes a key of its own.
 */
describe('concord import into a PHI project', () => {
  let dir: string;
  let projectId = '';

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'concord-import-phi-'));
    vi.stubEnv('DATABASE_URL', undefined);
    vi.stubEnv('CONCORD_VAULT_KEY', undefined);
    const database = await openDatabase({ dataDir: dir });
    await migrateToLatest(database);
    // The server's first start on this data directory generates the vault key.
    const app = await buildServer({
      database,
      dataDir: dir,
      webRoot: null,
      passwordCost: 10,
      adminEmail: ADMIN.email,
      adminPassword: ADMIN.password,
      retentionIntervalMs: 0,
    });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: ADMIN });
      const token = (JSON.parse(login.body) as { token: string }).token;
      const created = await app.inject({
        method: 'POST',
        url: '/api/projects',
        headers: { authorization: `Bearer ${token}` },
        payload: {
          name: 'Notes',
          config: {
            fields: [{ name: 'finding', type: 'choice', labels: ['cardiac', 'other'] }],
            phi: {},
          },
        },
      });
      projectId = (JSON.parse(created.body) as { id: string }).id;
    } finally {
      await app.close();
      await database.close();
    }
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    rmSync(dir, { recursive: true, force: true });
  });

  const importNotes = (name = 'notes.jsonl') => {
    const path = join(dir, name);
    writeFileSync(
      path,
      [
        { data: { text: 'Mr. John Carter (MRN 4452210) was admitted on 03/14/2021.' } },
        { data: { text: 'Mrs. Helen Morrison was seen on 11/02/2020 after a fall.' } },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    return run('import', path, '--project', projectId, '--as', ADMIN.email, '--data-dir', dir);
  };

  it('stores surrogates in items and the originals sealed in the vault', async () => {
    const result = await importNotes();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const database = await openDatabase({ dataDir: dir });
    try {
      const items = await database.db.selectFrom('items').select('data').execute();
      const vault = await database.db.selectFrom('phi_vault').select('sealed').execute();
      expect(items).toHaveLength(2);
      expect(vault).toHaveLength(2);
      const text = JSON.stringify([items, vault]);
      for (const original of ['John Carter', '4452210', '03/14/2021', 'Helen Morrison'])
        expect(text).not.toContain(original);
      expect(text).toContain('was admitted on');
    } finally {
      await database.close();
    }
  });

  it('records no file name in the audit log, which may name a patient: a keyed digest instead', async () => {
    const result = await importNotes('john-carter-2021.jsonl');
    expect(result.code).toBe(0);
    const database = await openDatabase({ dataDir: dir });
    try {
      const events = await database.db
        .selectFrom('audit_events')
        .select('payload')
        .where('action', '=', 'items.import')
        .execute();
      expect(events).toHaveLength(1);
      expect(JSON.stringify(events)).not.toContain('john-carter');
      const payload = JSON.parse(events[0]!.payload) as { fileMac?: unknown };
      expect(payload.fileMac).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      await database.close();
    }
  });

  it('refuses without the server’s vault key, storing nothing', async () => {
    rmSync(join(dir, 'vault.key'));
    const result = await importNotes();
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/no vault key/);
    expect(result.stderr).not.toContain('John Carter');
    expect(existsSync(join(dir, 'vault.key'))).toBe(false);
    const database = await openDatabase({ dataDir: dir });
    try {
      expect(await database.db.selectFrom('items').select('id').execute()).toEqual([]);
      expect(await database.db.selectFrom('phi_vault').select('sealed').execute()).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
